/** Ids are positive 32-bit integers: the range of every id column on both engines. Pure. */
export const MAX_ID = 2_147_483_647;
