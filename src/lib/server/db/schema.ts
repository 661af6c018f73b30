// Every domain's tables, gathered for drizzle-kit and the query builder.
import * as places from '../places/schema.ts';
import * as territory from '../territory/schema.ts';

export const schema = { ...territory, ...places };
