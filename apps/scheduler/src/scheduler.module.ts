import { Clock, daySlots } from '@halfhour/domain';
import { JsonLogger } from '@halfhour/observability';
import { RegistryViewRepository } from '@halfhour/registry-view';
import { OperatorActionsController, serviceInfrastructure } from '@halfhour/service-kit';
import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PlansController } from './api/plans.controller';
import { ItemCounts } from './items/item-counts';
import { ItemRepository } from './items/item-repository';
import { SchedulerMetrics } from './metrics/scheduler-metrics';
import { PlanRunRepository } from './planning/plan-run-repository';
import { DayCapacity } from './reports/day-capacity';
import { ReportRepository } from './reports/report-repository';
import { SCHEDULER_ENTITIES, SCHEDULER_MIGRATIONS } from './persistence/scheduler-schema';
import { SchedulerConfig } from './scheduler.config';
import { SchedulerRuntime } from './scheduler.runtime';
import { CLOCK } from './scheduler.tokens';
import { CapacityController } from './api/capacity.controller';
import { CapacityBook } from './capacity/capacity-book';
import { ForecastController } from './api/forecast.controller';
import { ReportsController } from './api/reports.controller';
import { CapacityChanges } from './capacity/capacity-changes';
import { DayReplan } from './planning/day-replan';
import { DemandForecast } from './planning/demand-forecast';
import { ScheduleRepository } from './schedules/schedule-repository';
import { ProviderOutages } from './capacity/provider-outages';
import { SCHEDULING_POLICY, SchedulingPolicy } from './scheduling-policy';

@Module({})
export class SchedulerModule {
  static forRoot(config: SchedulerConfig, policy: SchedulingPolicy, clock: Clock, logger: JsonLogger): DynamicModule {
    return {
      module: SchedulerModule,
      imports: serviceInfrastructure(config, logger, { entities: SCHEDULER_ENTITIES, migrations: SCHEDULER_MIGRATIONS }),
      controllers: [PlansController, CapacityController, ForecastController, ReportsController, OperatorActionsController],
      providers: [
        { provide: SchedulerConfig, useValue: config },
        { provide: SCHEDULING_POLICY, useValue: policy },
        { provide: CLOCK, useValue: clock },
        { provide: ItemRepository, useFactory: (dataSource: DataSource) => new ItemRepository(dataSource), inject: [DataSource] },
        { provide: ItemCounts, useFactory: (dataSource: DataSource) => new ItemCounts(dataSource), inject: [DataSource] },
        { provide: PlanRunRepository, useFactory: (dataSource: DataSource) => new PlanRunRepository(dataSource), inject: [DataSource] },
        { provide: ReportRepository, useFactory: (dataSource: DataSource) => new ReportRepository(dataSource), inject: [DataSource] },
        { provide: ProviderOutages, useFactory: (dataSource: DataSource) => new ProviderOutages(dataSource, policy.outage), inject: [DataSource] },
        {
          provide: CapacityBook,
          useFactory: (dataSource: DataSource, outages: ProviderOutages) => new CapacityBook(policy.capacity, dataSource, outages, policy.outage.capacityShare),
          inject: [DataSource, ProviderOutages],
        },
        {
          provide: DayCapacity,
          useFactory: (book: CapacityBook, reports: ReportRepository, counts: ItemCounts) => new DayCapacity(book, reports, counts, policy.capacity),
          inject: [CapacityBook, ReportRepository, ItemCounts],
        },
        {
          provide: CapacityChanges,
          useFactory: (book: CapacityBook, items: ItemRepository, outages: ProviderOutages) =>
            new CapacityChanges(book, items, outages, (day) => daySlots(day, policy.capacity.slotMinutes, policy.capacity.excludedWindow)),
          inject: [CapacityBook, ItemRepository, ProviderOutages],
        },
        {
          provide: DemandForecast,
          useFactory: (dataSource: DataSource, book: CapacityBook) => new DemandForecast(
            policy, new ScheduleRepository(dataSource), new RegistryViewRepository(dataSource), book, (day) => daySlots(day, policy.capacity.slotMinutes, policy.capacity.excludedWindow),
          ),
          inject: [DataSource, CapacityBook],
        },
        {
          provide: DayReplan,
          useFactory: (items: ItemRepository, book: CapacityBook) =>
            new DayReplan(items, book, (day) => daySlots(day, policy.capacity.slotMinutes, policy.capacity.excludedWindow), policy.deadlineMarginMs),
          inject: [ItemRepository, CapacityBook],
        },
        SchedulerMetrics,
        SchedulerRuntime,
      ],
    };
  }
}
