"use client";
/** The files chosen so far and the browser's verdict on them, kept until the user clears them. */
import { useCallback, useMemo, useState } from "react";
import { mergeSelection, type CollectedFiles, type PickedFile } from "./collect-files";
import type { StorageQuota } from "./quota";
import { preflightUpload, type PreflightResult } from "./upload-preflight";

export interface UploadSelection {
  selection: CollectedFiles;
  preflight: PreflightResult<PickedFile>;
  addFiles: (added: CollectedFiles) => void;
  clear: () => void;
}

const EMPTY_SELECTION: CollectedFiles = { files: [], unreadable: [] };

export function useUploadSelection(quota: StorageQuota): UploadSelection {
  const [selection, setSelection] = useState<CollectedFiles>(EMPTY_SELECTION);
  const { usedBytes, quotaBytes, freeBytes } = quota;
  // The quota changes while the server stores earlier uploads; the verdict follows it.
  const preflight = useMemo(
    () => preflightUpload(selection.files, { usedBytes, quotaBytes, freeBytes }),
    [selection, usedBytes, quotaBytes, freeBytes],
  );
  const addFiles = useCallback((added: CollectedFiles) => setSelection((current) => mergeSelection(current, added)), []);
  const clear = useCallback(() => setSelection(EMPTY_SELECTION), []);
  return { selection, preflight, addFiles, clear };
}
