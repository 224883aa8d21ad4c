// Generates custom-elements.json (named in package.json's `customElements`) from the JSDoc on the
// element classes: `npm run manifest`, run by `npm run build`.
//
// The analyzer reads Lit's static `properties` without knowing `state: true`, and takes
// `new CustomEvent(type, …)` in a helper for an event named "type": the plugin below keeps only
// public API, so the manifest lists what a page can use and nothing else.
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (!declaration.customElement) continue;
            const hidden = new Set((declaration.members ?? []).filter((m) => m.privacy === 'private' || m.privacy === 'protected').map((m) => m.name));
            declaration.members = (declaration.members ?? []).filter((m) => !hidden.has(m.name));
            declaration.attributes = (declaration.attributes ?? []).filter((a) => !hidden.has(a.fieldName));
            // Documented events carry a description (from @event); the helper's parameter does not.
            declaration.events = (declaration.events ?? []).filter((e) => e.description);
          }
        }
      },
    },
  ],
};
