import type { DataSet } from "dicom-parser";
import allowList from "./profile/safe-private-attributes.json";

/**
 * Private attributes (odd groups, PS3.5 §7.8): the basic profile removes them
 * all; Retain Safe Private keeps the ones on our allow-list
 * (profile/safe-private-attributes.json), found by private creator, since
 * the block byte (gggg,xx..) differs from file to file.
 */

const SAFE = new Set(allowList.attributes.map((a) => `${a.group.toLowerCase()}|${a.creator}|${a.element.toLowerCase()}`));

/** The private tags of one data set to keep: allow-listed elements and the creators of their blocks. */
export function findSafePrivateTags(dataSet: DataSet): Set<string> {
  const kept = new Set<string>();
  for (const tag of Object.keys(dataSet.elements)) {
    const group = tag.slice(1, 5);
    if ((parseInt(group, 16) & 1) === 0) continue;
    const block = parseInt(tag.slice(5, 7), 16);
    if (block < 0x10) continue;
    const creatorTag = `x${group}00${tag.slice(5, 7)}`;
    const creator = readCreator(dataSet, creatorTag);
    if (creator !== undefined && SAFE.has(`${group}|${creator}|${tag.slice(7, 9)}`)) {
      kept.add(tag);
      kept.add(creatorTag);
    }
  }
  return kept;
}

function readCreator(dataSet: DataSet, tag: string): string | undefined {
  const element = dataSet.elements[tag];
  if (!element || element.items) return undefined;
  return dataSet.string(tag)?.trim();
}
