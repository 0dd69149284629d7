import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The console is served by cordon-server from classpath:/static, so the build lands where
// Maven packages it into the cordon-console jar.
export default defineConfig({
  plugins: [vue()],
  base: '/',
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // every image a file under /assets, none a data: URI, so the server's img-src 'self' covers them
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
