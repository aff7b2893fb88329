import { inMigrationOrder, SHARED_ENTITIES, SHARED_MIGRATIONS } from '@halfhour/persistence';
import { RegistryViewEntity } from '@halfhour/registry-view';
import { OUTBOX_ENTITIES, OUTBOX_MIGRATIONS } from '@halfhour/service-kit';
import { CreateScheduler1764500000000 } from './migrations/1764500000000-create-scheduler';
import { ProviderCapacity1765400000000 } from './migrations/1765400000000-provider-capacity';
import { SchedulePurpose1765500000000 } from './migrations/1765500000000-schedule-purpose';
import { ProviderOutages1765600000000 } from './migrations/1765600000000-provider-outages';
import { OnDemandExpansions1766100000000 } from './migrations/1766100000000-on-demand-expansions';
import { SchedulesByMpan1766200000000 } from './migrations/1766200000000-schedules-by-mpan';
import { SchedulesStoppedAt1766900000000 } from './migrations/1766900000000-schedules-stopped-at';
import { ItemsOpenByDeadline1767000000000 } from './migrations/1767000000000-items-open-by-deadline';
import { OnDemandExpansionEntity } from './on-demand-expansion.entity';
import { PlanRunEntity } from './plan-run.entity';
import { CapacityChangeEntity, ProviderCapacityEntity, ProviderOutageEntity } from './provider-capacity.entity';
import { ScheduleEntity } from './schedule.entity';

export const SCHEDULER_ENTITIES = [...SHARED_ENTITIES, RegistryViewEntity, ScheduleEntity, PlanRunEntity, ProviderCapacityEntity, CapacityChangeEntity, ProviderOutageEntity, OnDemandExpansionEntity, ...OUTBOX_ENTITIES];
export const SCHEDULER_MIGRATIONS = inMigrationOrder([...SHARED_MIGRATIONS, CreateScheduler1764500000000, ...OUTBOX_MIGRATIONS, ProviderCapacity1765400000000, SchedulePurpose1765500000000, ProviderOutages1765600000000, OnDemandExpansions1766100000000, SchedulesByMpan1766200000000, SchedulesStoppedAt1766900000000, ItemsOpenByDeadline1767000000000]);
