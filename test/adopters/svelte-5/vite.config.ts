// The standard Svelte setup: nothing to configure for <llama-agent-chat>. svelte-check reads it too.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({ plugins: [svelte()] });
