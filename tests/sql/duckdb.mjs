// DuckDB (the npm package, a test-only dependency) for the warehouse-SQL tests and the e2e.
import { DuckDBInstance } from '@duckdb/node-api';

/** Runs `sql` on DuckDB with the CSV loaded as table `customers` (`readOptions` go to
 * read_csv), one thread so rows keep the file's order. Returns the rows as objects. */
export async function runDuckDb(csv, readOptions, sql) {
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await db.connect();
  const path = csv.replaceAll("'", "''");
  await con.run(`CREATE TABLE customers AS SELECT * FROM read_csv('${path}'${readOptions})`);
  const result = await con.runAndReadAll(sql.trim().replace(/;$/, ''));
  const rows = result.getRowObjects();
  con.closeSync();
  db.closeSync();
  return rows;
}
