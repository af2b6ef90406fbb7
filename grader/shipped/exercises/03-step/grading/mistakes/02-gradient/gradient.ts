// Not a mistake: lets the type checker resolve `../02-gradient/gradient` from a mistake of this exercise, as a
// submission does. When a mistake is graded, the reference's own file takes this place.
export * from '../../../../../../../solutions/02-gradient/gradient';
