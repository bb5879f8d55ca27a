// The shape of the code (docs/architecture.md), checked on every `npm run lint`.
// Imports flow one way: core ← library ← review ← publish ← (sites | channels | search | registry),
// with the composition roots (seed, jobs, health, lib/subscribers.ts) on top. Publishing emits
// events (lib/events); its consumers subscribe in lib/subscribers.ts, so no layer imports one above it.

const CORE = "(db|os|env|errors|audit|auth|org|time|calendar|validation|http|format|i18n|events|json|cache|documents)";
const ROOTS = "(seed|jobs|health|subscribers)";
const PEERS = "(sites|channels|search|registry)";
/** The one file of lib/jobs any area may import: sending a job on the caller's transaction. */
const JOB_SENDING = "^lib/jobs/send\\.ts$";

/** `lib/<area>/…` or `lib/<area>.ts`. */
const area = (names) => `^lib/${names}(/|\\.ts$)`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle makes two modules one; break it by moving the shared part down or by emitting an event.",
      from: {},
      to: { circular: true },
    },
    {
      name: "core-stays-below",
      severity: "error",
      comment:
        "Core (db, env, errors, audit, auth, org, time, …, events) imports no domain area and no composition root.",
      from: { path: area(CORE) },
      to: { path: area(`(library|review|publish|${PEERS.slice(1, -1)}|${ROOTS.slice(1, -1)})`) },
    },
    {
      name: "library-stays-below",
      severity: "error",
      comment: "The library knows nothing of review, publishing or its consumers.",
      from: { path: area("library") },
      to: { path: area(`(review|publish|${PEERS.slice(1, -1)}|${ROOTS.slice(1, -1)})`) },
    },
    {
      name: "review-stays-below",
      severity: "error",
      comment: "Review hands an approval to publishing through an event, never by calling it.",
      from: { path: area("review") },
      to: { path: area(`(publish|${PEERS.slice(1, -1)}|${ROOTS.slice(1, -1)})`) },
    },
    {
      name: "publish-stays-below",
      severity: "error",
      comment: "Publishing emits events; the portal, search and channels subscribe in lib/subscribers.ts.",
      from: { path: area("publish") },
      to: { path: area(`(${PEERS.slice(1, -1)}|${ROOTS.slice(1, -1)})`) },
    },
    {
      name: "consumers-are-peers",
      severity: "error",
      comment: "Sites, channels, search and the new-media registry talk to each other only through core and events.",
      from: { path: `^lib/${PEERS}/` },
      to: { path: `^lib/${PEERS}/`, pathNot: "^lib/$1/" },
    },
    {
      name: "consumers-below-roots",
      severity: "error",
      comment:
        "Only entry points (app/, scripts/, tests) and other composition roots import a composition root (lib/jobs/send.ts, core only, is not one).",
      from: { path: area(PEERS) },
      to: { path: area(ROOTS), pathNot: JOB_SENDING },
    },
    {
      name: "job-sending-stays-core",
      severity: "error",
      comment: "lib/jobs/send.ts queues a job on the caller's transaction for any area, so it imports only core.",
      from: { path: JOB_SENDING },
      to: { path: "^lib/", pathNot: area(CORE) },
    },
    {
      name: "interaction-on-top",
      severity: "error",
      comment:
        "政民互动 reads the library and publishes through it; nothing below it imports it (lib/subscribers.ts may).",
      from: { path: area(`(${CORE.slice(1, -1)}|library|review|publish|${PEERS.slice(1, -1)})`) },
      to: { path: area("interaction") },
    },
    {
      name: "disclosure-on-top",
      severity: "error",
      comment:
        "依申请公开 sits on top beside 政民互动 (it may use interaction's intake helpers); nothing below it, interaction included, imports it (lib/subscribers.ts may).",
      from: { path: area(`(${CORE.slice(1, -1)}|library|review|publish|${PEERS.slice(1, -1)}|interaction)`) },
      to: { path: area("disclosure") },
    },
    {
      name: "supervision-on-top",
      severity: "error",
      comment:
        "监管 measures the sites, accounts and interaction from above; nothing below it imports it (lib/subscribers.ts and the jobs may).",
      from: { path: area(`(${CORE.slice(1, -1)}|library|review|publish|${PEERS.slice(1, -1)}|interaction)`) },
      to: { path: area("supervision") },
    },
    {
      name: "reports-on-top",
      severity: "error",
      comment:
        "报送、统计、转载 read the library and publish through it; nothing below imports them (lib/subscribers.ts and the jobs runner may).",
      from: { path: area(`(${CORE.slice(1, -1)}|library|review|publish|${PEERS.slice(1, -1)}|interaction)`) },
      to: { path: area("reports") },
    },
    {
      name: "submissions-on-top",
      severity: "error",
      comment:
        "报送 and 采用 read the library and publish through it; nothing below imports them (reports' statistics, lib/subscribers.ts and the jobs runner may).",
      from: { path: area(`(${CORE.slice(1, -1)}|library|review|publish|${PEERS.slice(1, -1)}|interaction)`) },
      to: { path: area("submissions") },
    },
    {
      name: "statistics-on-top",
      severity: "error",
      comment:
        "稿件统计 and 报送任务 count what the library, review, publication and submission tables hold; nothing below imports them (the jobs runner may).",
      from: {
        path: area(
          `(${CORE.slice(1, -1)}|library|review|publish|${PEERS.slice(1, -1)}|interaction|disclosure|supervision|reports|submissions)`,
        ),
      },
      to: { path: area("statistics") },
    },
    {
      name: "visits-on-core",
      comment:
        "访问统计 counts what the portal server answers and is read by the reports above it: it uses only core, and core never imports it.",
      severity: "error",
      from: { path: area("visits") },
      to: {
        path: area(
          `(library|review|publish|${PEERS.slice(1, -1)}|${ROOTS.slice(1, -1)}|interaction|disclosure|supervision|reports)`,
        ),
      },
    },
    {
      name: "core-does-not-count-visits",
      severity: "error",
      comment: "Core stays below the visit counter.",
      from: { path: area(CORE) },
      to: { path: area("visits") },
    },
    {
      name: "lib-is-not-ui",
      severity: "error",
      comment: "lib/ is the server-side core of the app; it never imports routes or components.",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "ui-has-no-prisma",
      severity: "error",
      comment: "Pages and components get their data and types from lib/, never from Prisma directly.",
      from: { path: "^(app|components)/" },
      to: { path: "^(@/)?lib/db/generated/|^@prisma/client|^node_modules/(@prisma/client|\\.prisma)/" },
    },
    {
      name: "components-not-from-app",
      severity: "error",
      comment: "Components receive server actions as props (like ActionForm); they never import from route folders.",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "api-routes-stand-alone",
      severity: "error",
      comment: "An API route imports lib/, never another route group's files.",
      from: { path: "^app/api/" },
      to: { path: "^app/", pathNot: "^app/api/" },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules", "^lib/db/generated/"] },
    exclude: { path: ["^\\.next/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
