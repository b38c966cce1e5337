/** One problem with one record of an imported file: where it is and what is wrong. */
export interface ImportIssue {
  /** 1-based line of the record in a CSV file; null for JSON files, whose `column` is a path instead. */
  line: number | null;
  /** The CSV column (header name) or the JSON path of the offending value. */
  column: string;
  message: string;
}

/** How many issues a job keeps word for word; the count covers them all. */
export const MAX_LISTED_ISSUES = 200;

/** Issues in file order, keeping the first MAX_LISTED_ISSUES and counting every one. */
export class IssueList {
  count = 0;
  readonly listed: ImportIssue[] = [];

  add(line: number | null, column: string, message: string): void {
    this.count += 1;
    if (this.listed.length < MAX_LISTED_ISSUES) this.listed.push({ line, column, message });
  }

  addAll(other: IssueList): void {
    this.count += other.count;
    for (const issue of other.listed) {
      if (this.listed.length >= MAX_LISTED_ISSUES) break;
      this.listed.push(issue);
    }
  }
}
