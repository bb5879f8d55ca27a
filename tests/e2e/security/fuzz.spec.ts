import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { submitSignIn } from "../helpers";
import { countRows, listServerActions, queryRows, type ServerAction } from "./support";

// A bounded fuzz of the running product: a few thousand requests over public pages and APIs,
// signed-in back-office pages and server actions, built from a seeded generator. It asserts that
// nothing answers 5xx and, from exact row counts of every table, that nothing changed except
// audit events of failed sign-ins and the visit counter's page views. FUZZ_SEED=<n> replays a run; the seed is printed.

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2000);
const CONCURRENCY = 4;
/** A busy machine sends fewer: no new request starts after this (the seed still fixes their order). */
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 240_000);

/** mulberry32: small, fast and reproducible. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

const PIECES = [
  "政务公开",
  "渝府办发〔2019〕64号",
  "a",
  "0",
  "-1",
  "2026",
  "2026-02-30",
  "9999-99-99",
  "FOO",
  "VALID",
  "ARTICLE",
  "newest",
  "\u0000",
  "\u0001",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u202e",
  "\ud83d\ude00",
  "\ud800",
  "\n",
  "\t",
  " ",
  "+",
  "&",
  "=",
  "#",
  "?",
  "%",
  "%zz",
  "%FF%FE",
  "%00",
  "%E4%B8",
  "%25",
  "'",
  '"',
  "\\",
  "/",
  "//evil.example",
  "/\\evil.example",
  "../..",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "$1",
  "$@1",
  "$Q2",
  "{}",
  "[]",
  "null",
  "true",
  "0b3e1e7c-1111-4111-8111-111111111111",
  "x".repeat(300),
  "政".repeat(120),
] as const;

type Random = ReturnType<typeof generator>;

/** The fields of 征集调查's public forms (answers, phone code, comment). */
const CONSULT_FIELDS = ["token", "website", "phone", "code", "authorName", "body", "q.0", "q.x"] as const;
const CONSULT_POSTS = ["responses", "comments", "code"] as const;

const LETTER_FIELDS = [
  "type",
  "title",
  "content",
  "writerName",
  "writerPhone",
  "writerIdNumber",
  "writerEmail",
  "consentToPublish",
  "pageUrl",
  "privacyAccepted",
  "website",
  "captcha",
] as const;

function text(random: Random, rawPercent: boolean): string {
  const parts = Array.from({ length: 1 + random.int(4) }, () => random.pick(PIECES));
  const value = parts.join("");
  // Raw percent signs make undecodable addresses on purpose; otherwise the value is encoded.
  return rawPercent ? value.replace(/[^%\w\-.~/]/gu, (c) => safeEncode(c)) : safeEncode(value);
}

function safeEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, "")) + "%ED%A0%80";
  }
}

const QUESTION_FIELDS = ["nickname", "content", "website", "captcha"] as const;

const QUERY_KEYS: Record<string, readonly string[]> = {
  "/search": ["q", "scope", "kind", "unit", "year", "validity", "sort", "page"],
  "/api/search": ["q", "scope", "kind", "unit", "year", "validity", "sort", "page", "limit"],
  "/admin/library": ["kind", "state", "orgId", "themeCode", "genre", "from", "to", "q", "sort", "cursor", "text"],
  "/admin/audit": ["q", "category", "action", "actor", "from", "to", "page", "verify"],
  "/admin/users": ["q", "org", "role", "page"],
  "/admin/registry": ["q", "status", "kind", "page"],
  "/admin/review": ["tab", "page", "q"],
  "/api/assets": ["images", "q"],
  "/interaction/write": ["type", "page"],
  policy: ["issuer", "year", "theme", "validity", "docNumber", "page"],
};

function query(random: Random, keys: readonly string[]): string {
  const count = random.int(4);
  const pairs = Array.from(
    { length: count },
    () => `${random.next() < 0.9 ? random.pick(keys) : text(random, false)}=${text(random, random.next() < 0.3)}`,
  );
  return pairs.length ? `?${pairs.join("&")}` : "";
}

type Target =
  | { kind: "get"; url: string; as: "public" | "editor" | "auditor" }
  | { kind: "action"; action: ServerAction }
  | { kind: "post"; url: string }
  | { kind: "question"; url: string }
  | { kind: "signin" };

function nextTarget(
  random: Random,
  slugs: string[],
  policySlugs: string[],
  actions: ServerAction[],
  interviewId: string,
): Target {
  const roll = random.next();
  if (roll < 0.4) {
    const path = random.pick([
      () => "/",
      () => `/content/${text(random, random.next() < 0.5)}`,
      () =>
        `/columns/${random.next() < 0.7 ? random.pick(slugs) : text(random, true)}${query(random, QUERY_KEYS.policy!)}`,
      () => `/columns/${random.pick(policySlugs)}${query(random, QUERY_KEYS.policy!)}`,
      () => `/columns/${random.pick(slugs)}/feed.xml${query(random, ["page"])}`,
      () => `/search${query(random, QUERY_KEYS["/search"]!)}`,
      () => `/api/search${query(random, QUERY_KEYS["/api/search"]!)}`,
      () => `/api/assets/${text(random, random.next() < 0.5)}${query(random, ["variant"])}`,
      () => `/api/channels/${text(random, false)}/feed`,
      () => `/interaction/write${query(random, QUERY_KEYS["/interaction/write"]!)}`,
      () => random.pick(["/api/interaction/captcha", "/api/interaction/captcha/worker"]) + query(random, ["q"]),
      () => `/interaction/consultations${query(random, ["page"])}`,
      () => `/interaction/consultations/${text(random, random.next() < 0.3)}${query(random, ["done", "error"])}`,
      () => `/interaction/consultations/${text(random, false)}/charts/${text(random, false)}`,
      () =>
        `/interaction/interviews${random.next() < 0.5 ? "" : `/${random.next() < 0.5 ? interviewId : text(random, true)}`}`,
      // Only unknown interviews: a known one's event stream stays open by design.
      () => `/api/interaction/interviews/${text(random, random.next() < 0.3)}/events${query(random, ["after"])}`,
      () =>
        random.pick(["/feed.xml", "/sitemap.xml", "/sitemap", "/robots.txt", "/matrix", "/api/health"]) +
        query(random, ["page", "q"]),
    ])();
    return { kind: "get", url: path, as: "public" };
  }
  if (roll < 0.7) {
    const editorPath = random.pick([
      () => `/admin/library${query(random, QUERY_KEYS["/admin/library"]!)}`,
      () => `/admin/library/${text(random, random.next() < 0.3)}`,
      () => `/admin/library/${text(random, false)}/history${query(random, ["from", "to"])}`,
      () => `/admin/review${query(random, QUERY_KEYS["/admin/review"]!)}`,
      () => `/admin/review/${text(random, false)}`,
      () => `/admin/library/assets${query(random, ["q", "page"])}`,
      () => `/api/assets${query(random, QUERY_KEYS["/api/assets"]!)}`,
      () => `/admin/registry${query(random, QUERY_KEYS["/admin/registry"]!)}`,
      () => `/admin/sites/${text(random, false)}`,
      () => `/admin/users${query(random, QUERY_KEYS["/admin/users"]!)}`,
      () => `/admin/audit${query(random, QUERY_KEYS["/admin/audit"]!)}`,
    ])();
    const auditor = editorPath.startsWith("/admin/audit") && random.next() < 0.8;
    return { kind: "get", url: editorPath, as: auditor ? "auditor" : "editor" };
  }
  if (roll < 0.92 && actions.length) return { kind: "action", action: random.pick(actions) };
  if (roll < 0.95)
    return {
      kind: "post",
      url: random.pick([
        "/api/library/autosave",
        "/api/assets",
        "/api/interaction/letters",
        "/api/interaction/inbound",
        `/api/interaction/consultations/${text(random, false)}/${random.pick(CONSULT_POSTS)}`,
      ]),
    };
  if (roll < 0.98)
    return {
      kind: "question",
      url: `/api/interaction/interviews/${random.next() < 0.8 ? interviewId : text(random, random.next() < 0.3)}/questions`,
    };
  return { kind: "signin" };
}

function randomJson(random: Random, depth = 0): unknown {
  const roll = random.int(depth > 2 ? 4 : 7);
  if (roll === 0) return random.pick(PIECES);
  if (roll === 1) return random.int(1000) - 10;
  if (roll === 2) return random.pick([null, true, false]);
  if (roll === 3) return random.pick(PIECES) + random.pick(PIECES);
  if (roll === 4) return Array.from({ length: random.int(4) }, () => randomJson(random, depth + 1));
  const keys = [
    "title",
    "body",
    "metadata",
    "resourceId",
    "baseVersion",
    "kind",
    "ownerOrgId",
    "type",
    "content",
    "text",
    "q",
    "reason",
    "name",
    random.pick(PIECES),
  ];
  return Object.fromEntries(
    Array.from({ length: random.int(5) }, () => [random.pick(keys), randomJson(random, depth + 1)]),
  );
}

async function send(
  random: Random,
  target: Target,
  contexts: Record<"public" | "editor" | "auditor", APIRequestContext>,
  origin: string,
): Promise<{ label: string; response: APIResponse }> {
  const options = { failOnStatusCode: false, maxRedirects: 0, timeout: 30_000 };
  // Writes come from this origin, as a browser's would (so they reach the handlers); one in ten
  // comes from another site, which the same-origin guard must refuse without a 5xx.
  const from =
    random.next() < 0.9
      ? { origin, "sec-fetch-site": "same-origin" }
      : { origin: "http://evil.example", "sec-fetch-site": "cross-site" };
  if (target.kind === "get")
    return { label: `GET ${target.url} as ${target.as}`, response: await contexts[target.as].get(target.url, options) };
  if (target.kind === "action") {
    const headers: Record<string, string> = { ...from, "next-action": target.action.id, accept: "text/x-component" };
    const shape = random.int(4);
    let label = `ACTION ${target.action.id.slice(0, 8)} ${target.action.path} `;
    let response: APIResponse;
    if (shape === 0) {
      const body = random.next() < 0.5 ? JSON.stringify([randomJson(random), randomJson(random)]) : text(random, true);
      label += `text ${body.slice(0, 120)}`;
      response = await contexts.editor.post(target.action.path, {
        ...options,
        headers: { ...headers, "content-type": "text/plain;charset=UTF-8" },
        data: body,
      });
    } else {
      const fields: Record<string, string> = { "0": random.next() < 0.8 ? '["$undefined","$K1"]' : text(random, true) };
      for (let i = random.int(5); i > 0; i--)
        fields[
          `1_${random.pick(["title", "name", "kind", "ownerOrgId", "q", "reason", "resourceId", "code", "file", random.pick(PIECES)])}`
        ] = random.pick(PIECES);
      label += `multipart ${JSON.stringify(fields).slice(0, 160)}`;
      response = await contexts.editor.post(target.action.path, { ...options, headers, multipart: fields });
    }
    return { label, response };
  }
  if (target.kind === "question") {
    // A visitor's question: random fields as a form or as JSON, never a solved captcha, so never a question.
    const fields: Record<string, string> = {};
    for (let i = random.int(6); i > 0; i--)
      fields[random.pick([...QUESTION_FIELDS, random.pick(PIECES)])] = random.pick(PIECES) + random.pick(PIECES);
    const asJson = random.next() < 0.4;
    return {
      label: `POST ${target.url} ${asJson ? "json" : "form"} ${JSON.stringify(fields).slice(0, 160)}`,
      response: await contexts.public.post(
        target.url,
        asJson
          ? {
              ...options,
              headers: { ...from, "content-type": "application/json" },
              data: random.next() < 0.8 ? JSON.stringify(fields) : text(random, true),
            }
          : { ...options, headers: from, multipart: fields },
      ),
    };
  }
  if (target.kind === "post") {
    if (target.url === "/api/assets") {
      const name = random.pick(PIECES) + random.pick([".png", ".pdf", ".exe", ""]);
      return {
        label: `POST /api/assets ${JSON.stringify(name)}`,
        response: await contexts.editor.post(target.url, {
          ...options,
          headers: from,
          multipart: { file: { name, mimeType: "application/octet-stream", buffer: Buffer.from(random.pick(PIECES)) } },
        }),
      };
    }
    if (target.url === "/api/interaction/letters") {
      // The public letter form: random fields and files, never a solved captcha, so never a letter.
      const fields: Record<string, string | { name: string; mimeType: string; buffer: Buffer }> = {};
      for (let i = random.int(8); i > 0; i--)
        fields[random.pick([...LETTER_FIELDS, random.pick(PIECES)])] = random.pick(PIECES) + random.pick(PIECES);
      if (random.next() < 0.3)
        fields.attachments = {
          name: random.pick(PIECES) + random.pick([".png", ".pdf", ".exe", ""]),
          mimeType: "application/octet-stream",
          buffer: Buffer.from(random.pick(PIECES)),
        };
      return {
        label: `POST /api/interaction/letters ${JSON.stringify(Object.keys(fields)).slice(0, 160)}`,
        response: await contexts.public.post(target.url, { ...options, headers: from, multipart: fields }),
      };
    }
    if (target.url === "/api/interaction/inbound") {
      // A relay's post with made-up credentials (no relay is registered): always refused 4xx.
      const headerValue = () =>
        random.pick([
          undefined,
          "",
          "0b3e1e7c-1111-4111-8111-111111111111",
          String(Math.floor(Date.now() / 1000)),
          "-1",
          "99999999999999",
          `sha256=${"0".repeat(64)}`,
          "x".repeat(300),
          "政务",
        ]);
      const relayHeaders = Object.fromEntries(
        ["x-tongyuan-relay", "x-tongyuan-timestamp", "x-tongyuan-signature", "idempotency-key"]
          .map((name) => [name, headerValue()] as const)
          .filter((entry): entry is readonly [string, string] => entry[1] !== undefined)
          .map(([name, value]) => [name, encodeURIComponent(value)]),
      );
      const data = random.next() < 0.7 ? JSON.stringify(randomJson(random)) : text(random, true);
      return {
        label: `POST /api/interaction/inbound ${JSON.stringify(relayHeaders).slice(0, 120)} ${data.slice(0, 80)}`,
        response: await contexts.public.post(target.url, {
          ...options,
          // A relay is a server: no Origin at all, or (one in two) a browser's, which the guard judges.
          headers: { ...(random.next() < 0.5 ? {} : from), ...relayHeaders, "content-type": "application/json" },
          data,
        }),
      };
    }
    if (target.url.startsWith("/api/interaction/consultations/")) {
      // 征集调查's public forms: random fields, never a genuine form token, so never an answer or comment.
      const fields: Record<string, string> = {};
      for (let i = random.int(8); i > 0; i--)
        fields[random.pick([...CONSULT_FIELDS, random.pick(PIECES)])] = random.pick(PIECES) + random.pick(PIECES);
      const accept = random.pick(["text/html", "application/json", "*/*"]);
      return {
        label: `POST ${target.url} ${JSON.stringify(Object.keys(fields)).slice(0, 160)}`,
        response: await contexts.public.post(target.url, {
          ...options,
          headers: { ...from, accept },
          form: fields,
        }),
      };
    }
    const data = random.next() < 0.7 ? JSON.stringify(randomJson(random)) : text(random, true);
    return {
      label: `POST ${target.url} ${data.slice(0, 160)}`,
      response: await contexts.editor.post(target.url, {
        ...options,
        headers: { ...from, "content-type": "application/json" },
        data,
      }),
    };
  }
  // Failed sign-ins of unknown names: the only writes the run may cause (their audit events).
  const form = {
    username: `fuzz-${random.int(1e6)}${random.pick(PIECES)}`.slice(0, 80),
    password: random.pick(PIECES),
    csrfToken: "x",
    json: "true",
  };
  return {
    label: `SIGNIN ${JSON.stringify(form.username)}`,
    response: await contexts.public.post("/api/auth/callback/credentials", { ...options, headers: from, form }),
  };
}

test("no 5xx and no change from a few thousand malformed requests", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(600_000);
  console.log(`fuzz seed ${SEED} (${REQUESTS} requests); replay with FUZZ_SEED=${SEED}`);
  const random = generator(SEED);

  // Sign-in hashes with argon2: on a busy machine it can take longer than expect's default.
  const signedIn = async (username: string) => {
    const page = await (await browser.newContext()).newPage();
    await submitSignIn(page, username);
    await expect(page).toHaveURL(/\/admin(\/account)?$/, { timeout: 60_000 });
    return page;
  };
  const editorPage = await signedIn("editor");
  const auditorPage = await signedIn("auditor");
  // The anonymous client has an address of its own (the e2e server trusts loopback as a proxy), so
  // its failed sign-ins fill its own throttle, not the one of the specs that sign in after this.
  const anonymous = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": "203.0.113.61" },
  });
  const contexts = { public: anonymous, editor: editorPage.request, auditor: auditorPage.request };

  const slugs = (await queryRows<{ slug: string }>(`select distinct slug from "Column" order by slug`)).map(
    (row) => row.slug,
  );
  const policySlugs = (
    await queryRows<{ slug: string }>(`select distinct slug from "Column" where kind = 'POLICY_LIBRARY'`)
  ).map((row) => row.slug);
  // Actions of the account page change the signed-in person's own password and sessions.
  const actions = listServerActions("0b3e1e7c-1111-4111-8111-111111111111").filter(
    (action) => !/\/(account|login)/.test(action.path),
  );
  expect(actions.length).toBeGreaterThan(10);

  // An announced interview for the question endpoint (the demo platform has none).
  const [interview] = await queryRows<{ id: string }>(
    `insert into "Interview" (id, "siteId", topic, summary, "startsAt", "endsAt", "createdById")
     select gen_random_uuid(), s.id, '模糊测试访谈', '模糊测试用的访谈预告。', now(), now() + interval '1 hour', u.id
       from "Site" s, "User" u where u.username = 'handler' order by s.position limit 1 returning id`,
  );
  const targets = Array.from({ length: REQUESTS }, () =>
    nextTarget(random, slugs, policySlugs, actions, interview!.id),
  );
  // Bodies are drawn in order too, so the run is the same for the same seed.
  const bodySeeds = targets.map(() => random.int(2 ** 31));
  const before = await countRows();
  const failures: string[] = [];
  const statuses: Record<number, number> = {};
  let index = 0;
  const started = Date.now();
  const worker = async () => {
    while (index < targets.length && Date.now() - started < BUDGET_MS) {
      const at = index++;
      const { label, response } = await send(
        generator(bodySeeds[at]!),
        targets[at]!,
        contexts,
        new URL(baseURL!).origin,
      );
      statuses[response.status()] = (statuses[response.status()] ?? 0) + 1;
      if (response.status() >= 500) {
        failures.push(`#${at} ${response.status()} ${label}`);
        console.log(`fuzz 5xx: #${at} ${response.status()} ${label}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const after = await countRows();
  console.log(
    `fuzz sent ${index} of ${targets.length} in ${Math.round((Date.now() - started) / 1000)} s; statuses ${JSON.stringify(statuses)}`,
  );

  expect(failures, `seed ${SEED}`).toEqual([]);
  const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
  // Failed sign-ins leave their audit events and the throttle's counts, and the portal pages that
  // answered are counted as page views (the 访问统计 day tables); nothing else may change.
  expect(
    changed.filter((table) => table !== "AuditEvent" && table !== "SignInThrottle" && !/^Visit/.test(table)),
    `seed ${SEED}`,
  ).toEqual([]);
  if (after.AuditEvent !== before.AuditEvent) {
    const actions = await queryRows<{ action: string }>(`select distinct action from "AuditEvent" order by action`);
    const recent = await queryRows<{ action: string; count: string }>(
      `select action, count(*)::text as count from (select action from "AuditEvent" order by at desc limit ${after.AuditEvent! - before.AuditEvent!}) latest group by action`,
    );
    expect(
      recent.map((row) => row.action).filter((action) => !/^auth\.sign_in\.(failure|throttled)$/.test(action)),
      `seed ${SEED}; known: ${actions.map((row) => row.action).join(", ")}`,
    ).toEqual([]);
  }
});
