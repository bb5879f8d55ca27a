// The channels of the unit that cannot be chosen now (未配置, stopped, account not in good
// standing), each with why, shown where channels are chosen so an editor is not left guessing.
import type { getChannelPlacements } from "@/lib/channels/channels";

type Unavailable = Awaited<ReturnType<typeof getChannelPlacements>>["unavailable"];

export function UnavailableChannels({ channels }: { channels: Unavailable }) {
  if (channels.length === 0) return null;
  return (
    <div className="secondary">
      <p id="unavailable-channels">暂不可选的分发渠道：</p>
      <ul aria-labelledby="unavailable-channels">
        {channels.map((channel) => (
          <li key={channel.id}>
            {channel.name}（{channel.kindLabel}）：{channel.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
