import pg from 'pg';

/** Rows the failing transaction had written (and could see) when the refused insert came. */
export interface SeenBeforeRefusal {
  forecasts: number;
  estimates: number;
}

export interface RefusedInsert {
  /** What the transaction held at the refusal; null if the refused insert never came. */
  seen(): Promise<SeenBeforeRefusal | null>;
  remove(): Promise<void>;
}

/**
 * Makes the database refuse an INSERT into `table` (only rows matching `when`, a trigger WHEN
 * condition on NEW, if given), to fail a write part-way through. Before refusing, the trigger
 * records how many forecasts and estimates the failing transaction could see in two sequences:
 * setval is not rolled back, so a test can prove that earlier rows had been written, and then
 * that the rollback took them away. Installed by the owner (`ownerUrl`), as the service may not.
 */
export async function refuseInsert(ownerUrl: string, table: string, when?: string): Promise<RefusedInsert> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query(`
      CREATE SEQUENCE test_refusal_forecasts MINVALUE 0;
      CREATE SEQUENCE test_refusal_estimates MINVALUE 0;
      CREATE FUNCTION test_refuse_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        PERFORM setval('test_refusal_forecasts', (SELECT count(*) FROM forecasts), true);
        PERFORM setval('test_refusal_estimates', (SELECT count(*) FROM probability_estimates), true);
        RAISE EXCEPTION 'refused by the test';
      END $$;
      CREATE TRIGGER test_refuse_insert BEFORE INSERT ON "${table}"
        FOR EACH ROW ${when ? `WHEN (${when})` : ''} EXECUTE FUNCTION test_refuse_insert();`);
  } finally {
    await owner.end();
  }
  const withOwner = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    seen: () =>
      withOwner(async (client) => {
        const { rows } = await client.query<{ forecasts: string; estimates: string; called: boolean }>(`
          SELECT f.last_value AS forecasts, e.last_value AS estimates, f.is_called AS called
          FROM test_refusal_forecasts f, test_refusal_estimates e`);
        const [row] = rows;
        return row?.called ? { forecasts: Number(row.forecasts), estimates: Number(row.estimates) } : null;
      }),
    remove: () =>
      withOwner(async (client) => {
        await client.query(`
          DROP TRIGGER test_refuse_insert ON "${table}";
          DROP FUNCTION test_refuse_insert();
          DROP SEQUENCE test_refusal_forecasts;
          DROP SEQUENCE test_refusal_estimates;`);
      }),
  };
}
