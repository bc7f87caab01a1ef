import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The mapping: this upstream offer may serve this service of ours. */
@Entity('service_offers')
@Index(['serviceId', 'offerId'], { unique: true })
export class ServiceOfferEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'service_id', type: 'integer' })
  serviceId: number;

  @Column({ name: 'offer_id', type: 'integer' })
  offerId: number;
}
