// A correction is a new publication of the same item. The public keeps seeing when the item was
// first published (发布时间), and the correction's own time as 更新时间, as government sites show it.

type PublicationTimes = { publishedAt: Date; firstPublishedAt: Date | null };

/** When the item this publication shows was first published. */
export function firstPublishedAt(publication: PublicationTimes): Date {
  return publication.firstPublishedAt ?? publication.publishedAt;
}

/** 更新时间: when a correction was published, or null for a first publication. */
export function correctedAt(publication: PublicationTimes): Date | null {
  return publication.firstPublishedAt && publication.firstPublishedAt < publication.publishedAt
    ? publication.publishedAt
    : null;
}

/** 发布时间 and, for a correction, 更新时间. */
export function publicationTimes(publication: PublicationTimes): { publishedAt: Date; updatedAt: Date | null } {
  return { publishedAt: firstPublishedAt(publication), updatedAt: correctedAt(publication) };
}
