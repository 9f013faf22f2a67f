/**
 * The fake's state and the few operations on it that both APIs share
 * (looking things up the way GitHub does: owner/name and label names are
 * case-insensitive; adding an unknown label to an issue creates it).
 */
import {
  type FakeComment,
  type FakeIssue,
  type FakeLabel,
  type FakeMilestone,
  type FakeRepository,
  type FakeUser,
  fakeComment,
  fakeIssue,
  fakeLabel,
  fakeRepository,
  fakeUser,
  repositoryKey,
} from './state.js';
import type { FakeProject } from './projects.js';

export interface FakeTimelineEvent {
  type: 'LabeledEvent' | 'UnlabeledEvent' | 'ReopenedEvent';
  repository: string;
  issueNumber: number;
  actor: string;
  /** The label, for LabeledEvent and UnlabeledEvent. */
  label?: string;
  createdAt: string;
}

export const HTML_BASE_URL = 'https://github.com';

export class FakeStore {
  readonly repositories = new Map<string, FakeRepository>();
  readonly users = new Map<string, FakeUser>();
  /** Token → login of the identity it stands for. */
  readonly tokens = new Map<string, string>();
  /**
   * Logins whose token is a fine-grained one limited to some repositories
   * ("owner/name", lower case): a board item whose issue is in another
   * repository comes back as `content: null` with a FORBIDDEN error (see projects.ts).
   */
  readonly repositoryScopes = new Map<string, Set<string>>();
  /** Projects v2 boards by `projectKey(owner, number)`. */
  readonly projects = new Map<string, FakeProject>();
  /** Where the API is served; set once the server listens. */
  apiUrl = 'http://127.0.0.1';
  /**
   * The most issues one page of a repository's `issues` connection holds,
   * whatever `first` asked for (GitHub's 100 when unset): lets a small
   * roadmap span several pages, for faults between pages.
   */
  issuePageSize: number | undefined;
  /** Team members by "org/slug" (lower case). */
  readonly teams = new Map<string, Set<string>>();
  /** Logins whose tokens may read organization members; the workflow's GITHUB_TOKEN may not. */
  readonly orgReaders = new Set<string>();
  /**
   * The issues' timelines beyond their comments, oldest first: who put which
   * label on (LabeledEvent) or took it off (UnlabeledEvent), who reopened an
   * issue (ReopenedEvent). Comments join them as IssueComment items when the
   * timeline is read.
   */
  readonly timelineEvents: FakeTimelineEvent[] = Object.assign([] as FakeTimelineEvent[], {
    push: (...events: FakeTimelineEvent[]) => {
      for (const event of events) this.happened(event);
      return Array.prototype.push.apply(this.timelineEvents, events);
    },
  });
  /**
   * The order comments and timeline events happened in. GitHub dates them to
   * the second and lists a timeline in the order things happened (a label the
   * bot put on after a command comes after it, though both are dated the same
   * second), not comments first: `happenedAt` breaks ties of the timeline's sort.
   */
  readonly happenedAt = new WeakMap<object, number>();
  private happenings = 0;

  /** Notes that a comment or a timeline event happened now, after every one noted before. */
  happened<T extends object>(record: T): T {
    this.happenedAt.set(record, (this.happenings += 1));
    return record;
  }
  /** Reactions by comment id. */
  readonly reactions = new Map<number, { id: number; content: string; user: string; createdAt: string }[]>();

  constructor(readonly clock: () => string) {}

  addRepository(overrides: Partial<FakeRepository> & { owner: string; name: string }): FakeRepository {
    const repository = fakeRepository(overrides);
    this.repositories.set(repositoryKey(repository.owner, repository.name), repository);
    return repository;
  }

  repository(owner: string, name: string): FakeRepository | undefined {
    return this.repositories.get(repositoryKey(owner, name));
  }

  user(login: string): FakeUser {
    const key = login.toLowerCase();
    let user = this.users.get(key);
    if (!user) {
      user = fakeUser(login);
      this.users.set(key, user);
    }
    return user;
  }

  issue(repository: FakeRepository, number: number): FakeIssue | undefined {
    return repository.issues.find((issue) => issue.number === number);
  }

  label(repository: FakeRepository, name: string): FakeLabel | undefined {
    const wanted = name.toLowerCase();
    return repository.labels.find((label) => label.name.toLowerCase() === wanted);
  }

  /** The label record, created with GitHub's default colour when the repository has none by that name. */
  ensureLabel(repository: FakeRepository, name: string): FakeLabel {
    const existing = this.label(repository, name);
    if (existing) return existing;
    const created = fakeLabel({ name });
    repository.labels.push(created);
    return created;
  }

  /**
   * The milestone of that title: GitHub keeps titles unique in a repository,
   * and an issue's milestone always exists. One a test named only on an issue
   * is created open, with the next number, like a label record.
   */
  ensureMilestone(repository: FakeRepository, title: string): FakeMilestone {
    const existing = repository.milestones.find((milestone) => milestone.title === title);
    if (existing) return existing;
    const number = Math.max(0, ...repository.milestones.map((milestone) => milestone.number)) + 1;
    const created: FakeMilestone = { number, title, state: 'open', dueOn: null, closedAt: null, createdAt: this.clock() };
    repository.milestones.push(created);
    return created;
  }

  /** Replaces or adds an issue; its labels get label records like on GitHub. */
  putIssue(repository: FakeRepository, overrides: Partial<FakeIssue> & { number?: number }): FakeIssue {
    const number = overrides.number ?? this.nextNumber(repository);
    const issue = fakeIssue({ ...overrides, number });
    issue.labels = issue.labels.map((name) => this.ensureLabel(repository, name).name);
    // Seeding adds issues in order: appending needs no search and no sort, which keeps a 10,000-issue repository quick to build.
    const last = repository.issues.at(-1);
    if (!last || last.number < number) {
      repository.issues.push(issue);
      return issue;
    }
    const index = repository.issues.findIndex((existing) => existing.number === number);
    if (index >= 0) repository.issues[index] = issue;
    else repository.issues.push(issue);
    repository.issues.sort((a, b) => a.number - b.number);
    return issue;
  }

  putComment(repository: FakeRepository, overrides: Partial<FakeComment> & { issueNumber: number }): FakeComment {
    const comment = this.happened(fakeComment(overrides));
    repository.comments.push(comment);
    return comment;
  }

  /** Issues are kept in number order, so the last one has the highest number. */
  nextNumber(repository: FakeRepository): number {
    return (repository.issues.at(-1)?.number ?? 0) + 1;
  }

  commentsOf(repository: FakeRepository, issueNumber: number): FakeComment[] {
    return repository.comments.filter((comment) => comment.issueNumber === issueNumber);
  }

  htmlUrl(repository: FakeRepository): string {
    return `${HTML_BASE_URL}/${repository.owner}/${repository.name}`;
  }

  restUrl(repository: FakeRepository): string {
    return `${this.apiUrl}/repos/${repository.owner}/${repository.name}`;
  }
}
