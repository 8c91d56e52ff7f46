import { classifySopClass, InstanceChunk, type StoredInstance, type StudyRecord } from "@pacs/shared";
import type { Firestore } from "firebase-admin/firestore";
import { ApiError } from "../http/api-request";
import { parseSnapshot } from "../ingest/firestore-data";
import { SHARE_REFUSALS } from "../shares/share-messages";
import { buildDicomJsonManifest, findViewableInstances, type DicomJsonManifest } from "../viewer/manifest";
import { ManifestCache } from "../viewer/manifest-cache";
import type { SignOptions, UrlSigner } from "../viewer/sign-urls";
import { buildDeidentifiedPath, DeidentifiedShareRecord, deidentifiedShareRefs, type DeidentifiedStudy } from "./deidentified-share-refs";

const manifests = new ManifestCache();

/** The copies' metadata, as the task recorded it, in its order. */
export async function readDeidentifiedInstances(db: Firestore, linkId: string): Promise<StoredInstance[]> {
  const chunks = await deidentifiedShareRefs(db).chunks(linkId).orderBy("__name__").get();
  return chunks.docs.flatMap((doc) => InstanceChunk.parse(doc.data()).instances);
}

/** A ready link's server-only record; a link whose copies are gone or not made is "unavailable". */
export async function readReadyShare(db: Firestore, linkId: string): Promise<DeidentifiedShareRecord & { study: DeidentifiedStudy }> {
  const snapshot = await deidentifiedShareRefs(db).share(linkId).get();
  const share = snapshot.exists ? parseSnapshot(DeidentifiedShareRecord, snapshot) : null;
  if (!share?.study) throw new ApiError(410, SHARE_REFUSALS.unavailable.error);
  return { ...share, study: share.study };
}

/**
 * Images, and segmentations and RT structure sets drawn over them: no PDF or
 * SR is shown from a copy, because their renditions (the extracted PDF, the
 * SR content tree) are made by ingest from the originals and are not
 * de-identified. They are in the copy's ZIP.
 */
function findCopiesToView(instances: StoredInstance[]): StoredInstance[] {
  return findViewableInstances(instances).filter((instance) => {
    const { kind } = classifySopClass(instance.metadata.SOPClassUID, { Rows: instance.metadata.Rows, Columns: instance.metadata.Columns });
    return kind === "image" || kind === "seg" || kind === "rtstruct";
  });
}

/** What buildDicomJsonManifest reads of a study record, from the copy's own attributes. */
function asStudyRecord(study: DeidentifiedStudy, createdAt: Date): StudyRecord {
  return {
    ...study,
    NumberOfStudyRelatedSeries: study.series.length,
    NumberOfStudyRelatedInstances: study.series.reduce((n, s) => n + s.NumberOfSeriesRelatedInstances, 0),
    totalBytes: 0,
    createdAt,
    updatedAt: createdAt,
  };
}

/**
 * The recipient's manifest of a de-identified link: built only from the
 * copies' metadata and signed URLs of the copies under `deidentified/`
 * (the viewer-ready copy's where there is one), never from the originals.
 */
export async function buildDeidentifiedManifest(
  deps: { db: Firestore; urlSigner: () => UrlSigner },
  ownerUid: string,
  linkId: string,
  signOptions: Pick<SignOptions, "notAfter"> = {},
): Promise<DicomJsonManifest> {
  const share = await readReadyShare(deps.db, linkId);
  return manifests.get(`deidentified|${linkId}|${signOptions.notAfter?.getTime() ?? ""}`, async () => {
    const instances = findCopiesToView(await readDeidentifiedInstances(deps.db, linkId));
    const sign = deps.urlSigner();
    const urls = new Map(
      await Promise.all(
        instances.map(async (instance) => {
          const path = buildDeidentifiedPath(ownerUid, linkId, instance.metadata, Boolean(instance.viewableCopy?.TransferSyntaxUID));
          return [instance.metadata.SOPInstanceUID, await sign(path, signOptions)] as const;
        }),
      ),
    );
    return buildDicomJsonManifest(asStudyRecord(share.study, share.createdAt), instances, urls);
  });
}
