-- Whether the client asked for the model's prompt optimizer; carried to the worker with the dispatch.
alter table jobs add column prompt_optimizer boolean not null default false;
