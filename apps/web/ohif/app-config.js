/** @type {AppTypes.Config} */

// Our OHIF configuration, copied over the prebuilt viewer's own app-config.js
// by scripts/ohif/fetch-ohif.mjs (see docs/viewer.md). The viewer is served
// under /ohif/ and only ever opens one study from a dicomjson manifest that our
// API builds with short-lived signed URLs: /ohif/viewer/dicomjson?url=<manifest>.
window.config = {
  name: 'radiology-pacs',
  // Must match OHIF_SUB_PATH in scripts/ohif/fetch-ohif.mjs.
  routerBasename: '/ohif',
  // Modes and extensions are the ones built into @ohif/app (longitudinal, with MPR,
  // among them); these lists only add to them.
  extensions: [],
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
      namespace: '@ohif/extension-default.dataSourcesModule.dicomjson',
      sourceName: 'dicomjson',
      configuration: {
        friendlyName: 'Study',
        name: 'json',
      },
    },
  ],
};
