import { uuidv7 } from 'uuidv7';

/** Time-ordered ids (UUIDv7), generated here so a row's id is known before it is written. */
export const newId = (): string => uuidv7();
