import { RequestAuthorised } from '@halfhour/contracts';
import { addDays, settlementDayOf } from '@halfhour/domain';
import { TransientFailure } from '@halfhour/kafka';
import { isViewBehind, RegistryViewRepository } from '@halfhour/registry-view';
import { EntityManager } from 'typeorm';
import { ItemRepository } from '../items/item-repository';
import { addOnDemandItems, chunkOfDays, onDemandItemsOf } from './on-demand-items';
import { OnDemandExpansions } from './on-demand-expansions';
import { RequestKindHandler } from './request-kind';

/**
 * An on-demand read becomes one item per settlement day, on the meter serving the MPAN that day,
 * waiting for the slot placer, and merged with any item already there for the same data (collect
 * once), tomorrow's plan included. Its first month of days here; the rest, a month per
 * transaction, by OnDemandExpansions.
 */
export class OnDemandReads implements RequestKindHandler {
  readonly kind = 'on-demand read';

  constructor(
    private readonly items: ItemRepository,
    private readonly registryView: RegistryViewRepository,
    private readonly expansions: OnDemandExpansions,
  ) {}

  accepts(request: RequestAuthorised): boolean {
    return request.mode === 'ON_DEMAND' && request.days !== undefined;
  }

  async prepare(now: Date): Promise<void> {
    await this.items.ensurePartition(settlementDayOf(now));
  }

  /** The days its items go into (today, or tomorrow where its plan holds the same read), before a schedule row is touched. */
  async lock(manager: EntityManager, _requests: readonly RequestAuthorised[], now: Date): Promise<void> {
    const today = settlementDayOf(now);
    await this.items.shareDays(manager, [today, addDays(today, 1)]);
  }

  async handle(manager: EntityManager, requests: readonly RequestAuthorised[], now: Date): Promise<void> {
    const today = settlementDayOf(now);
    const timelines = await this.registryView.timelinesOf(requests.map((r) => r.mpan), manager);
    const early = requests.filter((r) => isViewBehind(timelines.get(r.mpan), r.registryVersion));
    if (early.length > 0) {
      throw new TransientFailure('REGISTRY_VIEW_BEHIND', `the registry view has not yet read the timelines these requests were decided on: ${early.slice(0, 5).map((r) => `${r.mpan} v${r.registryVersion}`).join(', ')}${early.length > 5 ? '…' : ''}; the batch waits`);
    }
    const chunks = requests.map((request) => ({ request, ...chunkOfDays(request, request.days!.from, today) }));
    await addOnDemandItems(this.items, manager, chunks.flatMap(({ request, days }) => onDemandItemsOf(request, days, timelines.get(request.mpan)?.timeline, today, now)), today);
    await this.expansions.add(manager, chunks.flatMap(({ request, next }) => (next ? [{ request, next }] : [])), now);
  }
}
