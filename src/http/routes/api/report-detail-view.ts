import type { TriageService } from '../../../triage/triage-service.js';

type Detail = NonNullable<Awaited<ReturnType<TriageService['report']>>>;

/** The report page's data as the API returns it: never a phone number, media behind our own route. */
export function toReportDetail(detail: Detail) {
  const { report } = detail;
  return {
    referenceCode: report.referenceCode,
    status: report.status,
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    channel: report.channel,
    language: report.language,
    category: report.category,
    categorySource: report.categorySource,
    classifier: {
      category: report.classifierCategory,
      confidence: report.classifierConfidence,
      evidence: report.classifierEvidence,
    },
    citizenCategory: report.citizenCategory,
    texts: report.texts,
    place: {
      ...detail.place,
      provinceCode: report.provinceCode,
      regencyCode: report.regencyCode,
      districtCode: report.districtCode,
      villageCode: report.villageCode,
      rawText: report.locationText,
    },
    media: report.media.map((media, index) => ({
      index,
      contentType: media.contentType,
      url: `/triage/reports/${report.referenceCode}/media/${index}`,
    })),
    contact: {
      pseudonym: detail.contact?.pseudonym ?? '',
      optedOut: detail.contact?.optedOut ?? false,
      otherReports: detail.otherReports.map((other) => other.referenceCode),
    },
    rejectionReason: report.rejectionReason,
    outcome: report.outcome,
    publicNote: report.publicNote,
    assignee: detail.assigneeName,
    duplicateOf: detail.duplicateOf,
    duplicates: detail.duplicates,
    dueAt: report.dueAt,
    dueKind: report.dueKind,
    overdue: detail.overdue,
    simulated: report.simulated,
    messages: detail.messages.map((message) => ({
      direction: message.direction,
      body: message.body,
      status: message.status,
      createdAt: message.createdAt,
      mediaCount: message.media.length,
    })),
    followUps: detail.followUps.map((f) => ({
      id: f.id,
      kind: f.kind,
      actionDate: f.actionDate,
      agency: f.agency,
      description: f.description,
      outcome: f.outcome,
      author: f.author,
      createdAt: f.createdAt,
    })),
    history: detail.history.map((event) => ({
      type: event.type,
      actor: event.actor,
      data: event.data,
      createdAt: event.createdAt,
    })),
  };
}
