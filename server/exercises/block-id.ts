/** The runnable-block id of an exercise's editor. */
export const exerciseBlockId = (id: string) => `ej-${id}`;
