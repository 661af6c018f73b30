// Every domain's tables, gathered for drizzle-kit and the query builder.
import * as territory from '../territory/schema.ts';

export const schema = { ...territory };
