import { defineConfig } from 'wxt';

// Permissions are kept to what the user acts on: `activeTab` + `scripting` inject the analyser
// when the user opens the popup or uses the context menu. Access to all sites is optional and is
// only asked for when the user wants the side panel to follow tabs on its own.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  // WXT_OUT_DIR lets parallel builds (eval, benchmarks) use their own folder.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  manifest: ({ browser }) => ({
    name: 'Backlink Inspector',
    description:
      'What is each link on this page worth? Placement, topical relevance, rel, visibility and a score for every link.',
    permissions: [
      'activeTab',
      'scripting',
      'storage',
      'contextMenus',
      'unlimitedStorage',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    optional_host_permissions: ['<all_urls>'],
    action: { default_title: 'Inspect links on this page' },
    // Opening the popup from the keyboard also grants activeTab, like a click on the toolbar icon.
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+L' }, description: 'Inspect the links on this page' },
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
          },
        }
      : {}),
  }),
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.manifest_version === 2) {
        // MV2 has no optional_host_permissions: origins go in optional_permissions.
        manifest.optional_permissions = ['<all_urls>'];
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
