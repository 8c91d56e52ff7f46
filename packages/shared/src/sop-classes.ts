/**
 * The storage SOP classes of DICOM that are not images, with what a person
 * would call them (PS3.4 Annex B.5, PS3.6 Annex A). Image classes are not
 * listed one by one: anything with pixel data is shown as an image, and the
 * few image classes with a better name than "image" are in {@link NAMED_IMAGE_CLASSES}.
 */
import type { SopKind } from "./sop-class";

type Entry = readonly [uid: string, kind: SopKind, label: string];

const SR = "1.2.840.10008.5.1.4.1.1.88.";
const RT = "1.2.840.10008.5.1.4.1.1.481.";
const WAVEFORM = "1.2.840.10008.5.1.4.1.1.9.";
const PR = "1.2.840.10008.5.1.4.1.1.11.";

/** Structured reports: every SR storage class (1.2.840.10008.5.1.4.1.1.88.*). */
const STRUCTURED_REPORTS: Entry[] = [
  [`${SR}11`, "sr", "Structured report (Basic Text SR)"],
  [`${SR}22`, "sr", "Structured report (Enhanced SR)"],
  [`${SR}33`, "sr", "Structured report (Comprehensive SR)"],
  [`${SR}34`, "sr", "Structured report (Comprehensive 3D SR)"],
  [`${SR}35`, "sr", "Structured report (Extensible SR)"],
  [`${SR}40`, "sr", "Procedure log"],
  [`${SR}50`, "sr", "Mammography CAD report"],
  [`${SR}59`, "other-nonimage", "Key object selection (list of key images)"],
  [`${SR}65`, "sr", "Chest CAD report"],
  [`${SR}67`, "sr", "X-ray radiation dose report"],
  [`${SR}68`, "sr", "Radiopharmaceutical radiation dose report"],
  [`${SR}69`, "sr", "Colon CAD report"],
  [`${SR}70`, "sr", "Implantation plan report"],
  [`${SR}71`, "sr", "Acquisition context report"],
  [`${SR}72`, "sr", "Simplified adult echo report"],
  [`${SR}73`, "sr", "Patient radiation dose report"],
  [`${SR}74`, "sr", "Planned imaging agent administration report"],
  [`${SR}75`, "sr", "Performed imaging agent administration report"],
  [`${SR}76`, "sr", "Enhanced X-ray radiation dose report"],
  [`${SR}77`, "sr", "Waveform annotation report"],
];

const ENCAPSULATED: Entry[] = [
  ["1.2.840.10008.5.1.4.1.1.104.1", "pdf", "PDF document"],
  ["1.2.840.10008.5.1.4.1.1.104.2", "other-nonimage", "CDA document (clinical document, XML)"],
  ["1.2.840.10008.5.1.4.1.1.104.3", "other-nonimage", "3D model (STL file)"],
  ["1.2.840.10008.5.1.4.1.1.104.4", "other-nonimage", "3D model (OBJ file)"],
  ["1.2.840.10008.5.1.4.1.1.104.5", "other-nonimage", "3D model material (MTL file)"],
];

/** Radiotherapy (1.2.840.10008.5.1.4.1.1.481.*); RT Image and RT Dose carry pixel data. */
const RADIOTHERAPY: Entry[] = [
  [`${RT}1`, "image", "RT image"],
  [`${RT}2`, "image", "RT dose"],
  [`${RT}3`, "rtstruct", "RT structure set (contours)"],
  [`${RT}4`, "other-nonimage", "RT beams treatment record"],
  [`${RT}5`, "other-nonimage", "RT plan"],
  [`${RT}6`, "other-nonimage", "RT brachy treatment record"],
  [`${RT}7`, "other-nonimage", "RT treatment summary record"],
  [`${RT}8`, "other-nonimage", "RT ion plan"],
  [`${RT}9`, "other-nonimage", "RT ion beams treatment record"],
  [`${RT}10`, "other-nonimage", "RT physician intent"],
  [`${RT}11`, "rtstruct", "RT segment annotation"],
  [`${RT}12`, "other-nonimage", "RT radiation set"],
  [`${RT}13`, "other-nonimage", "C-arm photon-electron radiation"],
  [`${RT}14`, "other-nonimage", "Tomotherapeutic radiation"],
  [`${RT}15`, "other-nonimage", "Robotic-arm radiation"],
  [`${RT}16`, "other-nonimage", "RT radiation record set"],
  [`${RT}17`, "other-nonimage", "RT radiation salvage record"],
  [`${RT}18`, "other-nonimage", "Tomotherapeutic radiation record"],
  [`${RT}19`, "other-nonimage", "C-arm photon-electron radiation record"],
  [`${RT}20`, "other-nonimage", "Robotic radiation record"],
  [`${RT}21`, "other-nonimage", "RT radiation set delivery instruction"],
  [`${RT}22`, "other-nonimage", "RT treatment preparation"],
  [`${RT}23`, "rtstruct", "Enhanced RT structure set (contours)"],
  [`${RT}24`, "other-nonimage", "Enhanced RT plan"],
  [`${RT}25`, "other-nonimage", "RT patient position acquisition instruction"],
  ["1.2.840.10008.5.1.4.34.7", "other-nonimage", "RT beams delivery instruction"],
  ["1.2.840.10008.5.1.4.34.10", "other-nonimage", "RT brachy application setup delivery instruction"],
];

/** Waveforms (1.2.840.10008.5.1.4.1.1.9.*): ECGs, pressures, audio. */
const WAVEFORMS: Entry[] = [
  [`${WAVEFORM}1.1`, "waveform", "Waveform: 12-lead ECG"],
  [`${WAVEFORM}1.2`, "waveform", "Waveform: general ECG"],
  [`${WAVEFORM}1.3`, "waveform", "Waveform: ambulatory ECG"],
  [`${WAVEFORM}1.4`, "waveform", "Waveform: general 32-bit ECG"],
  [`${WAVEFORM}2.1`, "waveform", "Waveform: hemodynamic"],
  [`${WAVEFORM}3.1`, "waveform", "Waveform: cardiac electrophysiology"],
  [`${WAVEFORM}4.1`, "waveform", "Waveform: basic voice audio"],
  [`${WAVEFORM}4.2`, "waveform", "Waveform: general audio"],
  [`${WAVEFORM}5.1`, "waveform", "Waveform: arterial pulse"],
  [`${WAVEFORM}6.1`, "waveform", "Waveform: respiratory"],
  [`${WAVEFORM}6.2`, "waveform", "Waveform: multi-channel respiratory"],
  [`${WAVEFORM}7.1`, "waveform", "Waveform: routine scalp EEG"],
  [`${WAVEFORM}7.2`, "waveform", "Waveform: electromyogram"],
  [`${WAVEFORM}7.3`, "waveform", "Waveform: electrooculogram"],
  [`${WAVEFORM}7.4`, "waveform", "Waveform: sleep EEG"],
  [`${WAVEFORM}8.1`, "waveform", "Waveform: body position"],
  [`${WAVEFORM}100.1`, "waveform", "Waveform presentation state"],
  [`${WAVEFORM}100.2`, "waveform", "Waveform acquisition presentation state"],
];

/** Presentation states (1.2.840.10008.5.1.4.1.1.11.*): how to show other images, not images themselves. */
const PRESENTATION_STATES: Entry[] = [
  [`${PR}1`, "presentation-state", "Presentation state (grayscale softcopy)"],
  [`${PR}2`, "presentation-state", "Presentation state (color softcopy)"],
  [`${PR}3`, "presentation-state", "Presentation state (pseudo-color softcopy)"],
  [`${PR}4`, "presentation-state", "Presentation state (blending softcopy)"],
  [`${PR}5`, "presentation-state", "Presentation state (XA/XRF grayscale softcopy)"],
  [`${PR}6`, "presentation-state", "Presentation state (grayscale planar MPR volumetric)"],
  [`${PR}7`, "presentation-state", "Presentation state (compositing planar MPR volumetric)"],
  [`${PR}8`, "presentation-state", "Presentation state (advanced blending)"],
  [`${PR}9`, "presentation-state", "Presentation state (volume rendering volumetric)"],
  [`${PR}10`, "presentation-state", "Presentation state (segmented volume rendering volumetric)"],
  [`${PR}11`, "presentation-state", "Presentation state (multiple volume rendering volumetric)"],
  [`${PR}12`, "presentation-state", "Presentation state (variable modality LUT softcopy)"],
  ["1.2.840.10008.5.1.4.1.1.131", "presentation-state", "Basic structured display"],
];

const SEGMENTATIONS_AND_OTHERS: Entry[] = [
  ["1.2.840.10008.5.1.4.1.1.66.4", "seg", "Segmentation"],
  ["1.2.840.10008.5.1.4.1.1.66.7", "seg", "Label map segmentation"],
  ["1.2.840.10008.5.1.4.1.1.66.5", "seg", "Surface segmentation"],
  ["1.2.840.10008.5.1.4.1.1.66", "other-nonimage", "Raw data"],
  ["1.2.840.10008.5.1.4.1.1.66.1", "other-nonimage", "Spatial registration"],
  ["1.2.840.10008.5.1.4.1.1.66.2", "other-nonimage", "Spatial fiducials"],
  ["1.2.840.10008.5.1.4.1.1.66.3", "other-nonimage", "Deformable spatial registration"],
  ["1.2.840.10008.5.1.4.1.1.66.6", "other-nonimage", "Tractography results"],
  ["1.2.840.10008.5.1.4.1.1.67", "other-nonimage", "Real world value mapping"],
  ["1.2.840.10008.5.1.4.1.1.68.1", "other-nonimage", "Surface scan (mesh)"],
  ["1.2.840.10008.5.1.4.1.1.68.2", "other-nonimage", "Surface scan (point cloud)"],
  ["1.2.840.10008.5.1.4.1.1.4.2", "other-nonimage", "MR spectroscopy"],
  ["1.2.840.10008.5.1.4.1.1.200.2", "other-nonimage", "CT performed procedure protocol"],
  ["1.2.840.10008.5.1.4.1.1.200.8", "other-nonimage", "XA performed procedure protocol"],
  ["1.2.840.10008.5.1.4.1.1.90.1", "other-nonimage", "Content assessment results"],
  ["1.2.840.10008.5.1.4.1.1.91.1", "other-nonimage", "Microscopy bulk simple annotations"],
  ["1.2.840.10008.5.1.4.1.1.78.1", "other-nonimage", "Lensometry measurements"],
  ["1.2.840.10008.5.1.4.1.1.78.2", "other-nonimage", "Autorefraction measurements"],
  ["1.2.840.10008.5.1.4.1.1.78.3", "other-nonimage", "Keratometry measurements"],
  ["1.2.840.10008.5.1.4.1.1.78.4", "other-nonimage", "Subjective refraction measurements"],
  ["1.2.840.10008.5.1.4.1.1.78.5", "other-nonimage", "Visual acuity measurements"],
  ["1.2.840.10008.5.1.4.1.1.78.6", "other-nonimage", "Spectacle prescription report"],
  ["1.2.840.10008.5.1.4.1.1.78.7", "other-nonimage", "Ophthalmic axial measurements"],
  ["1.2.840.10008.5.1.4.1.1.78.8", "other-nonimage", "Intraocular lens calculations"],
  ["1.2.840.10008.5.1.4.1.1.79.1", "other-nonimage", "Macular grid thickness and volume report"],
  ["1.2.840.10008.5.1.4.1.1.80.1", "other-nonimage", "Ophthalmic visual field static perimetry measurements"],
  ["1.2.840.10008.5.1.4.1.1.210", "other-nonimage", "Inventory"],
  ["1.2.840.10008.5.1.4.38.1", "other-nonimage", "Hanging protocol"],
  ["1.2.840.10008.5.1.4.39.1", "other-nonimage", "Color palette"],
  ["1.2.840.10008.5.1.4.43.1", "other-nonimage", "Generic implant template"],
  ["1.2.840.10008.5.1.4.1.1.77.1.6", "image", "Whole slide microscopy image"],
  ["1.2.840.10008.5.1.4.1.1.7", "image", "Secondary capture image"],
];

/** Image classes whose name says more than "image". */
const NAMED_IMAGE_CLASSES: Entry[] = [
  ["1.2.840.10008.5.1.4.1.1.2", "image", "CT image"],
  ["1.2.840.10008.5.1.4.1.1.4", "image", "MR image"],
  ["1.2.840.10008.5.1.4.1.1.128", "image", "PET image"],
  ["1.2.840.10008.5.1.4.1.1.20", "image", "Nuclear medicine image"],
  ["1.2.840.10008.5.1.4.1.1.6.1", "image", "Ultrasound image"],
  ["1.2.840.10008.5.1.4.1.1.1", "image", "Computed radiography image"],
  ["1.2.840.10008.5.1.4.1.1.1.1", "image", "Digital X-ray image"],
];

/** Every named storage SOP class, by SOP Class UID. */
export const SOP_CLASS_REGISTRY: ReadonlyMap<string, { kind: SopKind; label: string }> = new Map(
  [...STRUCTURED_REPORTS, ...ENCAPSULATED, ...RADIOTHERAPY, ...WAVEFORMS, ...PRESENTATION_STATES, ...SEGMENTATIONS_AND_OTHERS, ...NAMED_IMAGE_CLASSES].map(
    ([uid, kind, label]) => [uid, { kind, label }],
  ),
);
