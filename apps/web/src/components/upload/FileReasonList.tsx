import { formatCount } from "@/lib/format";

/** How many named files a list shows before it says "and N more": hundreds of rows help nobody. */
export const MAX_LISTED_FILES = 100;

/** Files with the reason each one did not (or will not) go, capped at MAX_LISTED_FILES rows. */
export function FileReasonList({ label, files }: { label: string; files: readonly { relativePath: string; reason: string }[] }) {
  if (files.length === 0) return null;
  const shown = files.slice(0, MAX_LISTED_FILES);
  return (
    <div className="table-scroll">
      <table className="file-reasons" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((file, index) => (
            <tr key={`${index}:${file.relativePath}`}>
              <td className="path">{file.relativePath}</td>
              <td>{file.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {files.length > shown.length ? <p className="muted">…and {formatCount(files.length - shown.length)} more.</p> : null}
    </div>
  );
}
