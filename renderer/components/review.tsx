import { createContext, lazy, Suspense, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import type { PlannedRunKind } from '../../common';
import type { Reviewed, ReviewOptions } from './review-types';

/** Shows the plan of `kind` and resolves once the admin confirms, or with null when they cancel. */
type Review = (kind: PlannedRunKind, options?: ReviewOptions) => Promise<Reviewed | null>;
const ReviewContext = createContext<Review | null>(null);

// The review's code loads with the first change the admin asks for, not on first paint.
const ReviewDialog = lazy(() => import('../screens/connectors/ReviewDialog').then((m) => ({ default: m.ReviewDialog })));

/** One review dialog for every run: nothing is changed in the org before the admin has seen the plan. */
export function ReviewProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<{ kind: PlannedRunKind; options: ReviewOptions } | null>(null);
  const settle = useRef<((reviewed: Reviewed | null) => void) | null>(null);
  const review = useCallback<Review>((kind, options = {}) => {
    settle.current?.(null);
    setOpen({ kind, options });
    return new Promise((resolve) => {
      settle.current = resolve;
    });
  }, []);
  const close = (reviewed: Reviewed | null) => {
    settle.current?.(reviewed);
    settle.current = null;
    setOpen(null);
  };
  return (
    <ReviewContext.Provider value={review}>
      {children}
      {open && (
        <Suspense fallback={null}>
          <ReviewDialog kind={open.kind} takeOver={open.options.takeOver === true} onCancel={() => close(null)} onConfirm={close} />
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
