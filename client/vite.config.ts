/// <reference types="vitest/config" />
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";

/** Writes a .br and a .gz twin beside every text asset of the build, so the server sends the
 * smallest one the browser accepts (licman/web/client.py) without compressing per request. */
function precompress(): Plugin {
  let outDir = "dist";
  return {
    name: "licman-precompress",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      // Every file of the build: the bundle's assets and what public/ copied (theme-boot.js).
      for (const name of readdirSync(outDir, { recursive: true, encoding: "utf8" })) {
        if (!/\.(js|css|svg|json|txt|map)$/.test(name)) continue;
        const path = join(outDir, name);
        const source = readFileSync(path);
        if (source.length < 512) continue;
        writeFileSync(`${path}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
      }
    },
  };
}

// `npm run dev` serves the client on :5173 and forwards the API to a Licman server on :8000.
// The Host header is passed through unchanged (no changeOrigin), so the server's CSRF origin
// check sees the page's own origin.
const api = process.env.LICMAN_API ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react(), tailwindcss(), precompress()],
  server: {
    proxy: {
      "/graphql": { target: api },
      "/auth": { target: api },
    },
  },
  preview: {
    proxy: {
      "/graphql": { target: api },
      "/auth": { target: api },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate files stay cached across releases.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            { name: "apollo", test: /node_modules[\\/](@apollo|graphql|rxjs|@wry|optimism|tslib)[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    // Logic tests run in plain Node; component tests opt in with @vitest-environment happy-dom.
    environment: "node",
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
  },
});
