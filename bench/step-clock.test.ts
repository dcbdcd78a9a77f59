import { describe, expect, it } from 'vitest';
import type { RunProgress, StepProgress } from '../common';
import { createStepClock } from './step-clock';

const run = (states: Partial<Record<'keyPair' | 'app' | 'activation', StepProgress['state']>>): RunProgress => ({
  kind: 'enable',
  startedAt: '2026-01-01T00:00:00.000Z',
  steps: Object.entries(states).map(([id, state]) => ({ id: id as StepProgress['id'], state })),
});

describe('step clock', () => {
  it('times each step from the event that shows it running to the one that shows it ended', () => {
    const clock = createStepClock();
    clock.observe(run({ keyPair: 'running', app: 'pending' }), 100);
    clock.observe(run({ keyPair: 'running', app: 'pending' }), 130);
    clock.observe(run({ keyPair: 'done', app: 'running' }), 250);
    clock.observe(run({ keyPair: 'done', app: 'done', activation: 'running' }), 400);
    clock.observe(run({ keyPair: 'done', app: 'done', activation: 'failed' }), 460);
    expect(clock.take()).toEqual({ keyPair: 150, app: 150, activation: 60 });
  });

  it('starts again from nothing after a take', () => {
    const clock = createStepClock();
    clock.observe(run({ app: 'running' }), 0);
    clock.observe(run({ app: 'done' }), 10);
    clock.take();
    clock.observe(run({ app: 'running' }), 20);
    expect(clock.take()).toEqual({});
  });
});
