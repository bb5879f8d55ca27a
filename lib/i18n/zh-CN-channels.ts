// The channels' words: delivery status and failures, channel set-up and previews, government
// new-media accounts and the public matrix. Part of `messages` (lib/i18n/zh-CN.ts), spread at its top level.

export const deliveryMessages = {
  deliveryStatus: { PENDING: "待发送", SENT: "已发送", ACKNOWLEDGED: "已确认", FAILED: "失败" },
  deliveryActions: { PUBLISH: "发布", CORRECT: "更正", RECALL: "撤回", REPLY: "答复回传" },
  /** Why a delivery failed: the one wording every screen that shows delivery status uses. */
  deliveryFailures: {
    CHANNEL_UNCONFIGURED: "渠道未配置，未能分发",
    CHANNEL_UNAVAILABLE: "渠道暂停接收，未能分发",
    CONTENT_CHANGED: "内容与签发版本不符，已停止分发",
    PLATFORM_REFUSED: "平台拒绝接收",
    UNREACHABLE: "无法连接平台，已停止重试",
    RESULT_UNKNOWN: "结果不明，请确认平台是否已收到后再重试",
    SYSTEM: "系统错误，已停止重试",
  },
  deliveryRetrying: "上次发送未成功，正在自动重试",
  channelSetup: { unconfigured: "未配置", ready: "已配置", noCredentials: "无需凭据" },
  renditionPreviews: { "wechat-article": "微信公众号预览", "weibo-status": "微博预览", json: "客户端/接口 JSON 预览" },
} as const;

export const newMediaMessages = {
  newMedia: {
    platforms: { WECHAT: "微信公众号", WEIBO: "微博", TOUTIAO: "头条号", APP: "政务APP", OTHER: "其他平台" },
    channelKinds: {
      WECHAT: "微信公众号",
      WEIBO: "微博",
      TOUTIAO: "头条号",
      APP: "政务APP",
      WEBHOOK: "通用 Webhook",
      FEED: "订阅源（RSS/JSON）",
    },
    accountStatus: { ACTIVE: "正常运营", SUSPENDED: "已关停", CANCELLING: "注销公示中", CANCELLED: "已注销" },
    applicationKinds: { OPEN: "开设", CHANGE: "变更", SUSPEND: "关停", CANCEL: "注销" },
    applicationStatus: { PENDING: "审批中", APPROVED: "已通过", REJECTED: "未通过", WITHDRAWN: "已撤回" },
    scopes: { unit: "本单位及上级单位", platform: "主管单位" },
    accountFields: {
      name: "账号名称",
      handle: "账号标识",
      manager: "运维负责人",
      phone: "联系电话",
      description: "账号简介",
    },
  },
  matrix: {
    title: "政务新媒体矩阵",
    intro: (region: string) => `${region}各级政府机关在第三方平台开设的政务新媒体账号，均经审批备案。`,
    unit: "主办单位",
    platform: "平台",
    name: "账号名称",
    handle: "账号标识",
    suspended: "已关停",
    cancelling: (day: string) => `注销公示中，${day}起注销`,
    empty: "暂无已备案的政务新媒体账号。",
    announcements: "注销公告",
    noAnnouncements: "目前没有正在公示的注销公告。",
    effectiveOn: "注销生效日期",
    notice: "公告内容",
  },
} as const;
