// Entry point of the wallboard's bundle ("main"). With this file present the Web Bundler takes
// only what it imports, so the agent desktop under agent/ stays in a bundle of its own.
import './main.js';
