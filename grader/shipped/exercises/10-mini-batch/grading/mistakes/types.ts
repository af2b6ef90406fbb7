export type * from '../../../../../../exercises/types';
