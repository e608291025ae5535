// Essentia anchor for scripts/eval_features.sh: the tempo (RhythmExtractor2013,
// multifeature) and key (KeyExtractor, profiles bgate and edma) that Essentia, through its
// npm build essentia.js, gives the same files. One JSON line per file, in the shape
// tools/eval_features.cpp reads (features.tempo_bpm, features.key, features.mode).
// Usage: node essentia_anchor.cjs NODE_MODULES_DIR PROFILE DIR FILE...
// Audio reaches Essentia as 44.1 kHz mono floats decoded by sox (essentia.js cannot
// read files in Node); a file sox cannot read is reported with status "error".
"use strict";
const path = require("path");
const { execFileSync } = require("child_process");

const [modules, profile, dir, ...files] = process.argv.slice(2);
const { Essentia, EssentiaWASM } = require(path.join(modules, "essentia.js"));
const essentia = new Essentia(EssentiaWASM);
const k_sharp_names = { Db: "C#", Eb: "D#", Gb: "F#", Ab: "G#", Bb: "A#" };  // eval_features names sharps
const k_max_seconds = 60;  // the corpus' files are 0.1-10 s; a cap keeps a stray long file cheap

// 44.1 kHz mono float samples of a file, or null.
function decode(file) {
  try {
    const raw = execFileSync("sox", ["-D", "-V1", file, "-t", "raw", "-r", "44100", "-e", "float", "-b", "32", "-c", "1",
                                     "-", "trim", "0", String(k_max_seconds)], { maxBuffer: 64 << 20 });
    return new Float32Array(raw.buffer, raw.byteOffset, Math.floor(raw.length / 4));
  } catch (err) {
    return null;
  }
}

for (const file of files) {
  const samples = decode(path.join(dir, file));
  if (!samples || samples.length < 4096) {
    console.log(JSON.stringify({ path: file, status: "error", features: null }));
    continue;
  }
  const signal = essentia.arrayToVector(samples);
  const features = { tempo_bpm: null, key: null, mode: null };
  try {
    const rhythm = essentia.RhythmExtractor2013(signal, 208, "multifeature", 40);
    if (Number.isFinite(rhythm.bpm) && rhythm.bpm > 0) features.tempo_bpm = Math.round(rhythm.bpm * 100) / 100;
  } catch (err) { /* too short for the beat tracker: no tempo */ }
  try {
    const key = essentia.KeyExtractor(signal, true, 4096, 4096, 12, 3500, 60, 25, 0.2, profile);
    features.key = k_sharp_names[key.key] || key.key;
    features.mode = key.scale;
  } catch (err) { /* no key */ }
  signal.delete();
  console.log(JSON.stringify({ path: file, status: "ok", features }));
}
