/// <reference types="vitest/config" />
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
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

/** Replaces each `graphql(\`...\`)` call with the one document it returns, as a module of
 * its own. The codegen's `graphql()` looks documents up in a map of every document of the app
 * (src/gql/gql.ts), which put all of them (about 250 kB, 20 kB brotli) into the entry chunk;
 * this way each chunk carries only the documents it uses. It does what the codegen's Babel/SWC
 * plugins do (Vite 8 runs neither), reading the documents from src/gql/graphql.ts (one
 * `export const <Name> = {...} as unknown as DocumentNode<...>;` line each). A call whose text
 * is not in the map (codegen not run after a change) fails the build. */
function gqlDocuments(): Plugin {
  const PREFIX = "\0licman-gql:";
  const generatedDir = fileURLToPath(new URL("./src/gql/", import.meta.url));
  let names: Map<string, string> | null = null; // document text -> export name
  let bodies: Map<string, string> | null = null; // export name -> the document as JSON
  const load = () => {
    names = new Map();
    const map = readFileSync(join(generatedDir, "gql.ts"), "utf8");
    for (const m of map.slice(map.indexOf("const documents")).matchAll(/^\s*("(?:[^"\\]|\\.)*"): types\.(\w+),$/gm)) {
      names.set(JSON.parse(m[1]!) as string, m[2]!);
    }
    bodies = new Map();
    const generated = readFileSync(join(generatedDir, "graphql.ts"), "utf8");
    for (const m of generated.matchAll(/^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm)) {
      bodies.set(m[1]!, m[2]!);
    }
  };
  return {
    name: "licman-gql-documents",
    apply: "build",
    resolveId(id) {
      return id.startsWith(PREFIX) ? id : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      if (!bodies) load();
      const body = bodies!.get(id.slice(PREFIX.length));
      if (!body) throw new Error(`${id.slice(PREFIX.length)} is not in src/gql/graphql.ts; run npm run codegen`);
      return `export default JSON.parse(${JSON.stringify(body)});`;
    },
    transform(code, id) {
      if (!/\/src\/.*\.tsx?$/.test(id) || id.includes("/src/gql/") || !code.includes("graphql(`")) return null;
      if (!names) load();
      const used = new Set<string>();
      const out = code.replace(/\bgraphql\(\s*`([^`]*)`\s*\)/g, (_call, source: string) => {
        const name = names!.get(source);
        if (!name) throw new Error(`${id}: a graphql() document is not in src/gql/gql.ts; run npm run codegen`);
        used.add(name);
        return `__gql_${name}`;
      });
      const imports = [...used].map((n) => `import __gql_${n} from ${JSON.stringify(PREFIX + n)};\n`).join("");
      return { code: imports + out, map: null };
    },
  };
}

// `npm run dev` serves the client on :5173 and forwards the API to a Licman server on :8000.
// The Host header is passed through unchanged (no changeOrigin), so the server's CSRF origin
// check sees the page's own origin.
const api = process.env.LICMAN_API ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [gqlDocuments(), react(), tailwindcss(), precompress()],
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
