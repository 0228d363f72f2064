import { defineConfig } from 'wxt';

// Permissions are kept to what the user acts on: `activeTab` + `scripting` inject the analyser
// when the user opens the popup or uses the context menu. Access to all sites is optional and is
// only asked for when the user wants the side panel to follow tabs on its own.
export default defineConfig({
  // @wxt-dev/i18n: typed keys over browser.i18n (locales/*.yml → _locales/*/messages.json).
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  srcDir: '.',
  // Every module imports what it uses: auto-imports guessed identifiers (a `t` in the page half pulled
  // the UI's i18n into the content script and into tests before the fake browser was set up).
  imports: false,
  // WXT_OUT_DIR lets parallel builds (eval, benchmarks) use their own folder.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  manifest: ({ browser }) => ({
    default_locale: 'en',
    // Words from the locale files (locales/*.yml), in the browser's language.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    permissions: [
      'activeTab',
      'scripting',
      'storage',
      'contextMenus',
      'unlimitedStorage',
      // Chrome's service worker has no DOMParser: fetched pages are parsed in an offscreen document.
      ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen']),
    ],
    // Asked for with host access when the user checks links: an extension's manual-redirect fetch
    // is opaque, and webRequest is how the fetch module sees each hop's status and Location
    // (lib/background/net/web-request.ts, docs/net.md).
    optional_permissions: ['webRequest'],
    optional_host_permissions: ['<all_urls>'],
    action: { default_title: '__MSG_actionTitle__' },
    // Opening the popup from the keyboard also grants activeTab, like a click on the toolbar icon.
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+L' }, description: '__MSG_commandInspect__' },
    },
    // No web_accessible_resources: the background reads the language data (public/relevance)
    // itself, and any page could fetch a listed file to learn the extension is installed.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'backlink-inspector@backlink-inspector.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions needs Firefox for Android 142 (desktop has it since 140).
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.manifest_version === 2) {
        // MV2 has no optional_host_permissions: origins go in optional_permissions.
        manifest.optional_permissions = [...(manifest.optional_permissions ?? []), '<all_urls>'];
        delete (manifest as { optional_host_permissions?: string[] }).optional_host_permissions;
        // MV2 names the toolbar popup's command after browser_action.
        const commands = manifest.commands as Record<string, unknown> | undefined;
        if (commands?._execute_action) {
          commands._execute_browser_action = commands._execute_action;
          delete commands._execute_action;
        }
      }
    },
  },
  vite: () => ({
    // BI_NO_MINIFY=1 keeps function names for profiling.
    build: { target: 'es2022', minify: process.env.BI_NO_MINIFY ? false : undefined },
  }),
});
