/** @type {AppTypes.Config} */

// Our OHIF configuration, copied over the prebuilt viewer's own app-config.js
// by scripts/ohif/fetch-ohif.mjs (see docs/viewer.md). The viewer is served
// under /ohif/ and only ever opens one study from a dicomjson manifest that our
// API builds with short-lived signed URLs: /ohif/viewer/dicomjson?url=<manifest>.
/**
 * Measurements are saved as a DICOM SR into the study itself (docs/viewer.md,
 * "Measurements"). OHIF stores a report through the active data source, and
 * its dicomjson source cannot store. This data source is OHIF's own dicomjson
 * source for everything it reads (the manifest and the signed Storage URLs:
 * the first image is as fast as before), and hands `store.dicom` to a private
 * instance of OHIF's own DICOMweb source, which writes the Part 10 file and
 * posts it with STOW-RS to this viewer session's own DICOMweb root. The
 * credential is that root's HttpOnly cookie, set when the study page opened the
 * viewer: nothing secret is in this page, and no Authorization header goes to
 * Storage (OHIF's image loader would add one to every image request).
 */
function pacsViewerSessionRoot(location) {
  const manifest = new URLSearchParams(location.search).get('url');
  let url;
  try {
    url = new URL(manifest || '', location.origin);
  } catch {
    return undefined;
  }
  const sid = /^\/api\/viewer-manifests\/([A-Za-z0-9_-]{22})$/.exec(url.pathname);
  return manifest && url.origin === location.origin && sid ? `${location.origin}/dicomweb/viewer-sessions/${sid[1]}` : undefined;
}

const pacsExtension = {
  id: 'pacs',
  getDataSourcesModule: () => [
    {
      name: 'dicomjsonStoringThroughDicomweb',
      type: 'jsonApi',
      createDataSource: (configuration, servicesManager, extensionManager) => {
        const ohif = name => extensionManager.getModuleEntry(`@ohif/extension-default.dataSourcesModule.${name}`);
        const reader = ohif('dicomjson').createDataSource(configuration, servicesManager, extensionManager);
        let writer;
        const dicomweb = () => {
          const root = pacsViewerSessionRoot(window.location);
          if (!root) {
            throw new Error('Measurements can be saved only in a study opened from your own study list.');
          }
          if (!writer) {
            writer = ohif('dicomweb').createDataSource({ name: 'archive', qidoRoot: root, wadoRoot: root, supportsStow: true }, servicesManager, extensionManager);
            writer.initialize({ params: {}, query: new URLSearchParams() });
          }
          return writer;
        };
        return { ...reader, store: { dicom: (...args) => dicomweb().store.dicom(...args) } };
      },
    },
  ],
};

window.config = {
  name: 'radiology-pacs',
  // Must match OHIF_SUB_PATH in scripts/ohif/fetch-ohif.mjs.
  routerBasename: '/ohif',
  // Modes and extensions are the ones built into @ohif/app (longitudinal, with MPR,
  // among them); these lists only add to them.
  extensions: [pacsExtension],
  modes: [],
  customizationService: {},
  // Our app has its own study list; OHIF's would list nothing useful.
  showStudyList: false,
  // Our own terms cover the use of the viewer.
  investigationalUseDialog: { option: 'never' },
  maxNumberOfWebWorkers: 3,
  // Signed Storage URLs are cross-origin by design.
  showWarningMessageForCrossOrigin: false,
  showCPUFallbackMessage: true,
  showLoadingIndicator: true,
  strictZSpacingForVolumeViewport: true,
  maxNumRequests: {
    interaction: 100,
    thumbnail: 5,
    prefetch: 25,
  },
  showErrorDetails: 'dev',
  defaultDataSourceName: 'dicomjson',
  dataSources: [
    {
      // OHIF's dicomjson source that stores through DICOMweb (pacsExtension above).
      namespace: 'pacs.dataSourcesModule.dicomjsonStoringThroughDicomweb',
      sourceName: 'dicomjson',
      configuration: {
        friendlyName: 'Study',
        name: 'json',
      },
    },
  ],
};
