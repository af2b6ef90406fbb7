import type { Slip, SlipText } from '../../../../../mistake-space/space';

/** A line's prediction for one point as a student may have written it; `m·x + b` is the course's. */
export type Prediction =
  'm·x + b' | 'm·x − b' | '−m·x + b' | 'm·y + b' | 'm·x' | 'b' | 'm + b' | 'm + b·x' | 'b·x + b' | 'm·x + m';

export const PREDICTIONS: Record<Prediction, (m: number, b: number, x: number, y: number) => number> = {
  'm·x + b': (m, b, x) => m * x + b,
  'm·x − b': (m, b, x) => m * x - b,
  '−m·x + b': (m, b, x) => -m * x + b,
  'm·y + b': (m, b, _, y) => m * y + b,
  'm·x': (m, _, x) => m * x,
  b: (_, b) => b,
  'm + b': (m, b) => m + b,
  'm + b·x': (m, b, x) => m + b * x,
  'b·x + b': (_, b, x) => b * x + b,
  'm·x + m': (m, _, x) => m * x + m,
};

const look = 'Write out the prediction for one point and compare it, term by term, with the line y = m·x + b.';

/** The words for a prediction written wrong, in the context of `what` ("cost", "gradient"). */
export function predictionText(prediction: Exclude<Prediction, 'm·x + b' | 'm + b·x'>, what: string): SlipText {
  const texts: Record<typeof prediction, SlipText> = {
    'm·x − b': {
      name: 'Your prediction subtracts b (m·x − b)',
      explanation: `Your ${what} uses m·x − b as the prediction: the intercept enters with the wrong sign, so every prediction is off by 2b.`,
      hint: look,
    },
    '−m·x + b': {
      name: 'Your prediction subtracts m·x (b − m·x)',
      explanation: `Your ${what} uses −m·x + b as the prediction: the slope term has the wrong sign, so a line that rises is treated as if it fell.`,
      hint: look,
    },
    'm·y + b': {
      name: 'Your prediction multiplies m by y instead of x',
      explanation: `Your ${what} uses m·y + b as the prediction: it feeds the value to be predicted into the line. The line predicts y from x.`,
      hint: 'Which coordinate of a point is the input of the line, and which is the answer it should match?',
    },
    'm·x': {
      name: 'Your prediction leaves out the intercept b',
      explanation: `Your ${what} uses m·x as the prediction: the intercept never enters, so changing b changes nothing. The line is y = m·x + b.`,
      hint: 'Change b and work your result out again by hand: should it change?',
    },
    b: {
      name: 'Your prediction leaves out the slope term m·x',
      explanation: `Your ${what} uses b alone as the prediction: the term m·x is missing, so the slope never matters. The line is y = m·x + b.`,
      hint: 'Change m and work your result out again by hand: should it change?',
    },
    'm + b': {
      name: 'Your prediction leaves x out of m·x',
      explanation: `Your ${what} uses m + b as the prediction: the slope is added instead of multiplying x, so every point gets the same prediction.`,
      hint: look,
    },
    'b·x + b': {
      name: 'Your prediction uses b where m belongs (b·x + b)',
      explanation: `Your ${what} uses b·x + b as the prediction: the slope m was replaced by b, so m never matters.`,
      hint: look,
    },
    'm·x + m': {
      name: 'Your prediction uses m where b belongs (m·x + m)',
      explanation: `Your ${what} uses m·x + m as the prediction: the intercept b was replaced by m, so b never matters.`,
      hint: look,
    },
  };
  return texts[prediction];
}

const WRITTEN_WRONG = {
  'subtracts-b': 'm·x − b',
  'subtracts-mx': '−m·x + b',
  'predicts-from-y': 'm·y + b',
  'drops-b': 'm·x',
  'drops-mx': 'b',
  'drops-x': 'm + b',
  'b-for-m': 'b·x + b',
  'm-for-b': 'm·x + m',
} as const;

/** The slips of a prediction written wrong, one per way, for any model with a `prediction` setting (knob `prediction`). */
export function predictionSlips<C extends { prediction: Prediction }>(
  make: (id: string, knob: string, change: Partial<C>, text: SlipText) => Slip<C>,
  what: string,
): Slip<C>[] {
  return Object.entries(WRITTEN_WRONG).map(([id, prediction]) =>
    make(id, 'prediction', { prediction } as Partial<C>, predictionText(prediction, what)),
  );
}
