import { createContext, lazy, Suspense, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import type { PlannedRunKind } from '../../common';

/** Shows the plan of `kind` and resolves with its id once the admin confirms, or null when they cancel. */
type Review = (kind: PlannedRunKind) => Promise<string | null>;
const ReviewContext = createContext<Review | null>(null);

// The review's code loads with the first change the admin asks for, not on first paint.
const ReviewDialog = lazy(() => import('../screens/connectors/ReviewDialog').then((m) => ({ default: m.ReviewDialog })));

/** One review dialog for every run: nothing is changed in the org before the admin has seen the plan. */
export function ReviewProvider({ children }: { children: ReactNode }) {
  const [kind, setKind] = useState<PlannedRunKind | null>(null);
  const settle = useRef<((planId: string | null) => void) | null>(null);
  const review = useCallback<Review>((wanted) => {
    settle.current?.(null);
    setKind(wanted);
    return new Promise((resolve) => {
      settle.current = resolve;
    });
  }, []);
  const close = (planId: string | null) => {
    settle.current?.(planId);
    settle.current = null;
    setKind(null);
  };
  return (
    <ReviewContext.Provider value={review}>
      {children}
      {kind && (
        <Suspense fallback={null}>
          <ReviewDialog kind={kind} onCancel={() => close(null)} onConfirm={(planId) => close(planId)} />
        </Suspense>
      )}
    </ReviewContext.Provider>
  );
}

export function useReview(): Review {
  const review = useContext(ReviewContext);
  if (!review) throw new Error('useReview() needs a <ReviewProvider> above it.');
  return review;
}
