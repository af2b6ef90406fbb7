// Not a catalogue entry: lets the type checker resolve `../01-cost/cost` from an entry. When an
// entry is graded, the reference's own file takes this place.
export * from '../../../../solutions/01-cost/cost';
