// perf_hooks (guest code): performance.now() from the process's start, on
// the kernel's monotonic clock; marks and measures.
'use strict';

const host = require('internal/binding');

const timeOrigin = host('wallNow') - host('hrnow') + host('proc').startedAt;
const start = host('proc').startedAt;
const entries = [];

const performance = {
  timeOrigin,
  now: () => host('hrnow') - start,
  mark(name, options = {}) {
    const entry = { name, entryType: 'mark', startTime: options.startTime ?? performance.now(), duration: 0, detail: options.detail ?? null };
    entries.push(entry);
    return entry;
  },
  measure(name, startMark, endMark) {
    const find = (m) => (typeof m === 'string' ? entries.findLast((e) => e.name === m)?.startTime ?? 0 : m);
    const startTime = startMark === undefined ? 0 : find(startMark);
    const end = endMark === undefined ? performance.now() : find(endMark);
    const entry = { name, entryType: 'measure', startTime, duration: end - startTime, detail: null };
    entries.push(entry);
    return entry;
  },
  getEntries: () => entries.slice(),
  getEntriesByName: (name, type) => entries.filter((e) => e.name === name && (!type || e.entryType === type)),
  getEntriesByType: (type) => entries.filter((e) => e.entryType === type),
  clearMarks: (name) => { for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'mark' && (!name || entries[i].name === name)) entries.splice(i, 1); },
  clearMeasures: (name) => { for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'measure' && (!name || entries[i].name === name)) entries.splice(i, 1); },
  toJSON: () => ({ timeOrigin }),
};

module.exports = { performance, PerformanceObserver: class PerformanceObserver { observe() {} disconnect() {} } };
