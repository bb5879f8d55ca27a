// Entry of a supervision thread (lib/supervision/thread.ts): TypeScript through tsx, as the jobs
// process itself runs, then the thread's own module.
import { register } from "tsx/esm/api";

register();
await import("./thread-main.ts");
