// monaco-yaml's language server, bundled as its own worker (served from this origin).
import 'monaco-yaml/yaml.worker.js';
