import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import type { Construct } from 'constructs';
import { KIT_VERSION } from '../core/version';
import { TAG_KEYS } from './tags';

/** Properties for a {@link GuardrailsStack}. */
export interface GuardrailsStackProps extends StackProps {
  /** Who gets the budget alerts. */
  readonly email: string;
  /** The monthly cost budget of the account, in US dollars. */
  readonly monthlyUsd: number;
}

/**
 * An account-wide safety net for people deploying labs to their own account: a monthly AWS
 * Budgets cost budget that emails at 80 % of actual spend and at 100 % of forecast spend.
 * Not a lab, so not in the catalogue; deployed once with `npx cdk deploy guardrails -c budgetEmail=...`.
 *
 * Default settings: budget type COST, time unit MONTHLY, both alerts to one email subscriber.
 */
export class GuardrailsStack extends Stack {
  constructor(scope: Construct, id: string, props: GuardrailsStackProps) {
    super(scope, id, {
      ...props,
      description: 'AWS Architecture Labs guardrails: a monthly cost budget with email alerts',
    });
    Tags.of(this).add(TAG_KEYS.kitVersion, KIT_VERSION);
    const subscribers = [{ subscriptionType: 'EMAIL', address: props.email }];
    new budgets.CfnBudget(this, 'MonthlyBudget', {
      budget: {
        budgetName: 'aws-architecture-labs-monthly',
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [
        {
          notification: {
            notificationType: 'ACTUAL',
            comparisonOperator: 'GREATER_THAN',
            threshold: 80,
            thresholdType: 'PERCENTAGE',
          },
          subscribers,
        },
        {
          notification: {
            notificationType: 'FORECASTED',
            comparisonOperator: 'GREATER_THAN',
            threshold: 100,
            thresholdType: 'PERCENTAGE',
          },
          subscribers,
        },
      ],
    });
  }
}
