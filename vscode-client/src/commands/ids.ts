// Command IDs this extension registers (contributes.commands in package.json).

export const Command = {
  repairWorkspace: 'gomend.repairWorkspace',
  explain: 'gomend.explain',
  showReport: 'gomend.showReport',
  openFolder: 'gomend.openFolder',
  openRealFile: 'gomend.openRealFile',
  analyzeTrace: 'gomend.analyzeTrace',
  captureTrace: 'gomend.captureTrace',
} as const;
