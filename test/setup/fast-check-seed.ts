import fc from 'fast-check';

// Property tests run with a fixed seed so a CI run is reproducible; FC_SEED explores others locally
// (fast-check prints the seed and path of any counterexample it finds).
fc.configureGlobal({ seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : 20200914 });
