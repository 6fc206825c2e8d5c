/**
 * The desktop app's main process (Electron). Kept thin: it wires Electron to the plain-Node
 * services (createHandlers, the IPC transport) and applies Electron's security checklist:
 * sandboxed renderer with contextIsolation and no Node, strict CSP on an app:// protocol,
 * navigation / new windows / webviews / permissions denied, every IPC sender checked, a preload
 * that exposes only the contract, native dialogs in main.
 *
 * better-sqlite3: node_modules keeps the plain-Node build (tests, CLI, browser mode). Here we load
 * a separately built Electron binary from resources/native/ through better-sqlite3's
 * `nativeBinding` option (`npm run setup:electron` makes it; `npm start` checks it is there).
 * A packaged app finds it, and the sample, under process.resourcesPath (see packaged-paths.ts).
 * DevTools exist only when the app is not packaged.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  type FileFilter,
  ipcMain,
  Menu,
  type MenuItemConstructorOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
  shell,
} from 'electron';
import { setSqliteNativeBinding } from '../db';
import { createHandlers } from '../documents/app-service';
import { findAppRoot, PRODUCT_NAME, resolveAppPaths } from '../transport/environment';
import { APP_ENTRY_URL, createIpcCallHandler, EVENT_CHANNEL, IPC_CHANNEL } from '../transport/ipc';
import { hardenSession, hardenWebContents } from './hardening';
import { desktopFiles } from './packaged-paths';
import { registerAppScheme, serveRenderer } from './protocol';

const RCS_FILTERS = [{ name: 'Costing Studio programme', extensions: ['rcs'] }];
const IMPORT_FILTERS = [{ name: 'Spreadsheet (CSV, Excel)', extensions: ['csv', 'xlsx', 'tsv', 'txt'] }];
const PDF_FILTERS = [{ name: 'PDF document', extensions: ['pdf'] }];

// Before the app is ready: sandbox everything, register app://, choose where Chromium keeps its
// profile (the same folder the handlers use for settings and recent files).
const appRoot = findAppRoot(app.getAppPath());
const paths = resolveAppPaths(appRoot);
const files = desktopFiles({
  isPackaged: app.isPackaged,
  appRoot,
  resourcesPath: process.resourcesPath,
  abi: process.versions.modules,
});
app.setPath('userData', paths.userDataDir);
app.enableSandbox();
registerAppScheme();
hardenWebContents();

let mainWindow: BrowserWindow | null = null;

function createWindow(preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 880,
    minHeight: 600,
    show: false,
    title: PRODUCT_NAME,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // No DevTools in a packaged build (nor its menu item, see buildMenu).
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

function buildMenu(): void {
  // No undo/redo roles: Ctrl+Z / Ctrl+Shift+Z belong to the renderer (document undo).
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        // The page's print styles lay the screen out on A4 landscape (see styles.css, @media print).
        {
          label: 'Print…',
          accelerator: 'CmdOrCtrl+P',
          click: () => BrowserWindow.getFocusedWindow()?.webContents.print(),
        },
        { type: 'separator' },
        { role: process.platform === 'darwin' ? 'close' : 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [{ role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { type: 'separator' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function start(): void {
  const binding = files.sqliteBinding;
  if (!existsSync(binding)) {
    dialog.showErrorBox(
      PRODUCT_NAME,
      app.isPackaged
        ? `The database module for this system is missing from the installed app (${binding}). Please reinstall the app.`
        : `The desktop build of the database module is missing (${binding}). Run "npm run setup:electron", then start the app again, or use "npm run serve" for browser mode.`,
    );
    app.quit();
    return;
  }
  setSqliteNativeBinding(binding);

  const parent = (): BrowserWindow | undefined => BrowserWindow.getFocusedWindow() ?? mainWindow ?? undefined;
  /** The native open dialog over the window in front; the chosen path, or null when cancelled. */
  const openFile = async (title: string, filters: FileFilter[]): Promise<string | null> => {
    const win = parent();
    const options: OpenDialogOptions = { title, filters, properties: ['openFile'] };
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  };
  /** The native save dialog over the window in front; the chosen path, or null when cancelled. */
  const saveFile = async (options: SaveDialogOptions): Promise<string | null> => {
    const win = parent();
    const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return r.canceled || !r.filePath ? null : r.filePath;
  };
  const handlers = createHandlers({
    documentsDir: paths.documentsDir,
    userDataDir: paths.userDataDir,
    sampleFile: files.sampleFile,
    mode: 'desktop',
    version: app.getVersion(),
    engineThread: path.join(import.meta.dirname, 'engine-thread.js'),
    // Every window hears main's events (a change made in one window, a job's progress).
    emit: (event) => {
      for (const w of BrowserWindow.getAllWindows()) {
        if (!w.isDestroyed()) w.webContents.send(EVENT_CHANNEL, event);
      }
    },
    dialogs: {
      open: () => openFile('Open a programme', RCS_FILTERS),
      save: (defaultName: string) =>
        saveFile({
          title: 'Save a copy of the programme',
          defaultPath: path.join(paths.documentsDir, defaultName),
          filters: RCS_FILTERS,
        }),
      saveExport: (defaultName: string) =>
        saveFile({
          title: 'Export',
          defaultPath: path.join(app.getPath('documents'), defaultName),
          filters: [
            defaultName.toLowerCase().endsWith('.xlsx')
              ? { name: 'Excel workbook', extensions: ['xlsx'] }
              : { name: 'CSV', extensions: ['csv'] },
          ],
          properties: ['showOverwriteConfirmation', 'createDirectory'],
        }),
      showInFolder(file: string) {
        shell.showItemInFolder(file);
      },
      openImport: () => openFile('Import budget lines', IMPORT_FILTERS),
    },
    // The report (Report screen): the asking window printed with its print styles (styles.css,
    // @media print: A4 portrait, the CSS page size preferred), saved where the person chooses.
    pdf: {
      choose: (defaultName: string) =>
        saveFile({
          title: 'Save the report as PDF',
          defaultPath: path.join(paths.documentsDir, defaultName),
          filters: PDF_FILTERS,
          properties: ['showOverwriteConfirmation', 'createDirectory'],
        }),
      async print() {
        const win = parent();
        if (!win || win.isDestroyed()) throw new Error('The window to print is gone.');
        return win.webContents.printToPDF({
          pageSize: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          generateTaggedPDF: true,
          generateDocumentOutline: true,
        });
      },
    },
  });

  const call = createIpcCallHandler(
    handlers,
    (err) => console.error('Internal error in a call:', err),
    (sender) => console.warn(`Refused an IPC call from ${sender.url ?? 'an unknown frame'}.`),
  );
  ipcMain.handle(IPC_CHANNEL, (event, name: unknown, request: unknown) => {
    const frame = event.senderFrame;
    return call({ url: frame?.url, isMainFrame: frame !== null && frame.parent === null }, name, request);
  });

  app.on('will-quit', () => handlers.dispose());

  hardenSession();
  serveRenderer(paths.rendererDir);
  buildMenu();
  mainWindow = createWindow(path.join(appRoot, 'out', 'preload', 'preload.cjs'));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox(PRODUCT_NAME, `The app could not start: ${err instanceof Error ? err.message : String(err)}`);
      app.quit();
    });
}
