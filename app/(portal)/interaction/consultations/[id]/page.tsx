// GET /interaction/consultations/[id] – one 征集调查: the draft in full, the questions while open (plain
// forms, no JavaScript needed), moderated comments, and the results once the 征集结果反馈 is published.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { portalMetadata } from "@/lib/sites/meta";
import { getPublicConsultation } from "@/lib/interaction/consult/public-consultations";
import { NOTICE_CODES } from "@/lib/interaction/consult/form-post";
import { issueFormToken } from "@/lib/interaction/consult/tokens";
import { InteractionPage } from "@/components/portal/interaction-page";
import { ConsultationView } from "@/components/portal/consultation-view";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.consult.public;

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const ZId = z.uuid();
const ZNotice = z
  .enum(NOTICE_CODES as [string, ...string[]])
  .optional()
  .catch(undefined);

async function load(params: Props["params"]) {
  const { id } = await params;
  if (!ZId.safeParse(id).success) notFound();
  const site = await getCurrentSite();
  const consultation = await getPublicConsultation(site.id, id);
  if (!consultation) notFound();
  return { site, consultation };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ site, consultation }, baseUrl] = await Promise.all([load(params), getBaseUrl()]);
  return portalMetadata({
    site,
    baseUrl,
    path: `/interaction/consultations/${consultation.id}`,
    title: consultation.title,
    column: { name: t.list, kind: "INTERACTION" },
  });
}

export default async function ConsultationPage({ params, searchParams }: Props) {
  const { site, consultation } = await load(params);
  const query = await searchParams;
  const pick = (value: string | string[] | undefined) => ZNotice.parse(Array.isArray(value) ? value[0] : value);
  const done = pick(query.done);
  const error = pick(query.error);
  const open = consultation.phase === "OPEN";
  return (
    <InteractionPage site={site} crumb={t.list} heading={consultation.title}>
      <ConsultationView
        consultation={consultation}
        notice={error ? { code: error, isError: true } : done ? { code: done, isError: false } : null}
        answerToken={open ? issueFormToken(consultation.id) : null}
        commentToken={open ? issueFormToken(consultation.id) : null}
      />
    </InteractionPage>
  );
}
