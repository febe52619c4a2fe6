#!/usr/bin/env node
// The command's former entry, kept for installs that still link it: npx keeps the bin links it
// made for a local checkout (~/.npm/_npx/…), which would otherwise point at a missing file. The
// command is bin/kfp-designer.cjs; through this file it starts ~10 ms later (Node's ES module loader).
import './kfp-designer.cjs';
