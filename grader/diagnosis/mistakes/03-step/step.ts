// Not a catalogue entry: lets the type checker resolve `../03-step/step` from an entry. When an
// entry is graded, the reference's own file takes this place.
export * from '../../../../solutions/03-step/step';
