"use client";
/**
 * Where files come in: a drop zone for files, folders (CD exports with a
 * DICOMDIR) and ZIP archives, and two buttons for the same without a mouse.
 */
import { useEffect, useState, type DragEvent } from "react";
import { collectDroppedFiles, collectInputFiles, readDroppedEntries, type CollectedFiles } from "@/lib/collect-files";

export function FilePicker({ onPick, disabled }: { onPick: (picked: CollectedFiles) => void; disabled?: boolean }) {
  const [over, setOver] = useState(false);
  const [reading, setReading] = useState(false);

  // A file dropped beside the zone would otherwise make the browser open it and leave the page.
  useEffect(() => {
    const keep = (event: globalThis.DragEvent) => event.preventDefault();
    window.addEventListener("dragover", keep);
    window.addEventListener("drop", keep);
    return () => {
      window.removeEventListener("dragover", keep);
      window.removeEventListener("drop", keep);
    };
  }, []);

  function handleDragOver(event: DragEvent) {
    event.preventDefault();
    event.dataTransfer.dropEffect = disabled ? "none" : "copy";
    setOver(!disabled);
  }

  async function handleDrop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    const entries = readDroppedEntries(event.dataTransfer);
    setReading(true);
    try {
      onPick(await collectDroppedFiles(entries));
    } finally {
      setReading(false);
    }
  }

  function handleInput(input: HTMLInputElement) {
    onPick({ files: collectInputFiles(input.files ?? []), unreadable: [] });
    // Choosing the same file again must fire `change` again.
    input.value = "";
  }

  return (
    <div
      className={over ? "drop-zone over" : "drop-zone"}
      onDragOver={handleDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={handleDrop}
      data-testid="drop-zone"
      aria-busy={reading || undefined}
    >
      <p className="drop-title">Drop DICOM files, folders or ZIP archives here</p>
      <p className="muted">A CD or USB export with its DICOMDIR can be dropped as a whole folder.</p>
      <div className="actions">
        <input
          id="pick-files"
          type="file"
          multiple
          className="visually-hidden"
          disabled={disabled}
          onChange={(event) => handleInput(event.currentTarget)}
        />
        <label htmlFor="pick-files" className="button">
          Choose files
        </label>
        <input
          id="pick-folder"
          type="file"
          className="visually-hidden"
          disabled={disabled}
          ref={(input) => input?.setAttribute("webkitdirectory", "")}
          onChange={(event) => handleInput(event.currentTarget)}
        />
        <label htmlFor="pick-folder" className="button secondary">
          Choose folder
        </label>
      </div>
      {reading ? (
        <p role="status" className="muted">
          Reading the folder…
        </p>
      ) : null}
    </div>
  );
}
