/**
 * Turns what the user chose (an input's FileList, or a drop of files, folders
 * and CD exports) into files with the folder-relative path a DICOMDIR refers
 * to. Folders are walked here because browsers hand over only the top entry.
 */

export interface PickedFile {
  file: File;
  /** `CD/DICOM/IM0001` for a file in a chosen or dropped folder, else the file name. */
  relativePath: string;
  size: number;
}

/** An entry of a dropped folder that the browser could not read, with why. */
export interface UnreadableEntry {
  relativePath: string;
  reason: string;
}

export interface CollectedFiles {
  files: PickedFile[];
  unreadable: UnreadableEntry[];
}

function pick(file: File, relativePath: string): PickedFile {
  return { file, relativePath, size: file.size };
}

/** Files from `<input type="file">`, with or without `webkitdirectory`. */
export function collectInputFiles(files: Iterable<File>): PickedFile[] {
  return Array.from(files, (file) => pick(file, file.webkitRelativePath || file.name));
}

/**
 * Takes the entries out of a drop event. It must run inside the event
 * handler: the browser empties the DataTransfer once the handler returns.
 */
export function readDroppedEntries(dataTransfer: DataTransfer): (FileSystemEntry | File)[] {
  const entries: (FileSystemEntry | File)[] = [];
  for (const item of Array.from(dataTransfer.items)) {
    if (item.kind !== "file") continue;
    const entry = typeof item.webkitGetAsEntry === "function" ? item.webkitGetAsEntry() : null;
    const file = entry ? null : item.getAsFile();
    if (entry) entries.push(entry);
    else if (file) entries.push(file);
  }
  return entries;
}

function entryPath(entry: FileSystemEntry): string {
  return entry.fullPath.replace(/^\/+/, "") || entry.name;
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  return `The browser could not read it${message ? ` (${message})` : ""}.`;
}

function readEntryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** A directory's children; `readEntries` returns them in batches (100 in Chrome) until an empty one. */
async function readChildren(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const children: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return children;
    children.push(...batch);
  }
}

/** Walks dropped files and folders depth-first, keeping each file's path inside the drop. */
export async function collectDroppedFiles(dropped: readonly (FileSystemEntry | File)[]): Promise<CollectedFiles> {
  const files: PickedFile[] = [];
  const unreadable: UnreadableEntry[] = [];
  const stack = [...dropped].reverse();
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next instanceof File) {
      files.push(pick(next, next.name));
      continue;
    }
    try {
      if (next.isDirectory) {
        stack.push(...(await readChildren(next as FileSystemDirectoryEntry)).reverse());
      } else if (next.isFile) {
        files.push(pick(await readEntryFile(next as FileSystemFileEntry), entryPath(next)));
      }
    } catch (error) {
      unreadable.push({ relativePath: entryPath(next), reason: reasonOf(error) });
    }
  }
  return { files, unreadable };
}

function selectionKey(picked: PickedFile): string {
  return `${picked.relativePath}\u0000${picked.size}\u0000${picked.file.lastModified}`;
}

const byPath = new Intl.Collator("en", { numeric: true }).compare;

/**
 * Adds a new pick to the selection; the same file chosen twice counts once.
 * Files are kept in path order (IM2 before IM10), the order they are listed
 * and numbered in, whatever order the browser handed them over.
 */
export function mergeSelection(current: CollectedFiles, added: CollectedFiles): CollectedFiles {
  const seen = new Set(current.files.map(selectionKey));
  const files = [...current.files];
  for (const picked of added.files) {
    const key = selectionKey(picked);
    if (seen.has(key)) continue;
    seen.add(key);
    files.push(picked);
  }
  files.sort((a, b) => byPath(a.relativePath, b.relativePath));
  return { files, unreadable: [...current.unreadable, ...added.unreadable] };
}
