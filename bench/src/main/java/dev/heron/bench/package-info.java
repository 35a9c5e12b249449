/**
 * Heron's benchmarks: one package per area, each with a main that prints its figures next to a
 * baseline measured in the same run.
 */
package dev.heron.bench;
